using System.Globalization;
using MiniExcelLibs;
using Tndtq.Shared;
using Tndtq.Shared.Documents;

namespace Tndtq.Support;

/// <summary>
/// The receipt list of an approved round (Danh sách ký nhận): each beneficiary with the amount and/or gift and an empty
/// signature column, a totals row, under a heading naming the ward, the round and the fund source. As an .xlsx (numbers
/// as numbers, as the dashboard's workbook) and as document blocks for the PDF in the Vietnamese administrative layout.
/// </summary>
public static class ReceiptList
{
    static readonly string[] Columns = ["A", "B", "C", "D", "E", "F"];
    public static readonly string[] Headers = [Texts.ReceiptNo, Texts.ReceiptName, Texts.ReceiptPlace, Texts.ReceiptAmount, Texts.ReceiptGift, Texts.ReceiptSignature];

    /// <summary>Where a beneficiary is: a person's address and group, a group's area.</summary>
    public static string Place(Beneficiary b) => b.Type == BeneficiaryType.Group ? b.Address ?? "" : b.Address is { Length: > 0 } a ? $"{a} ({b.GroupName})" : b.GroupName;

    /// <summary>The heading rows (ward, title, round, fund source), a blank row, the column headers, one row per beneficiary, the totals row.</summary>
    public static byte[] Xlsx(SupportRound r)
    {
        Dictionary<string, object?> Row(params object?[] cells) => Columns.Zip(cells.Concat(Enumerable.Repeat<object?>(null, Columns.Length))).ToDictionary(p => p.First, p => p.Second);
        var rows = new List<Dictionary<string, object?>>
        {
            Row(Texts.ReceiptWard(r.WardName).ToUpperInvariant()),
            Row(Texts.ReceiptListTitle),
            Row(r.Name),
            Row(Texts.ReceiptFund(r.Fund.Name, Texts.FundTypeName(r.Fund.Type))),
            Row(),
            Row(Headers.Cast<object?>().ToArray()),
        };
        var n = 0;
        foreach (var b in r.Beneficiaries) rows.Add(Row(++n, b.Name, Place(b), b.Amount, b.Gift ?? "", ""));
        rows.Add(Row(null, Texts.ReceiptTotal, "", r.Total, "", ""));
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [Texts.ReceiptSheet] = rows }, printHeader: false);
        return stream.ToArray();
    }

    /// <summary>The PDF's blocks: heading in two columns, title, round and fund source, the table, the signature.</summary>
    public static IReadOnlyList<Block> Blocks(SupportRound r)
    {
        var on = DateOnly.FromDateTime(VietnamTime.ToVietnam(r.ApprovedAt ?? r.UpdatedAt).DateTime);
        var table = new DocumentTable(
        [
            new(Texts.ReceiptNo, 0.06, Align.Center), new(Texts.ReceiptName, 0.22), new(Texts.ReceiptPlace, 0.21),
            new(Texts.ReceiptAmount, 0.13, Align.Right), new(Texts.ReceiptGift, 0.18), new(Texts.ReceiptSignature, 0.20),
        ],
        r.Beneficiaries.Select((b, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), b.Name, Place(b), Money(b.Amount), b.Gift ?? "", ""]).ToList(),
        ["", Texts.ReceiptTotal, "", Money(r.Total), "", ""]);
        return
        [
            new("header-left", "ỦY BAN NHÂN DÂN"),
            new("header-left", Texts.ReceiptWard(r.WardName).ToUpperInvariant()),
            new("national", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            new("motto", "Độc lập - Tự do - Hạnh phúc"),
            new("place-date", Texts.ReceiptPlaceDate(Texts.BareWardName(r.WardName), on)),
            new("space", ""),
            new("title", Texts.ReceiptListTitle),
            new("subtitle", r.Name),
            new("center-italic", Texts.ReceiptFund(r.Fund.Name, Texts.FundTypeName(r.Fund.Type))),
            new("table", "", Table: table),
            new("space", ""),
            new("recipients-title", Texts.ReceiptMadeBy),
            new("signature-title", Texts.ReceiptApprovedBy),
            new("space", ""), new("space", ""), new("space", ""),
            new("signature-name", r.ApprovedByName ?? ""),
        ];
    }

    /// <summary>An amount as Vietnamese documents write it: 1.500.000 (blank when none).</summary>
    public static string Money(long? amount) => amount is { } a ? a.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.') : "";
}
