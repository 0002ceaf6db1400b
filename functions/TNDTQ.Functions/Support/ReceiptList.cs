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
    public static readonly string[] Headers = [SupportTexts.ReceiptNo, SupportTexts.ReceiptName, SupportTexts.ReceiptPlace, SupportTexts.ReceiptAmount, SupportTexts.ReceiptGift, SupportTexts.ReceiptSignature];

    /// <summary>Where a beneficiary is: a person's address and group, a group's area.</summary>
    public static string Place(Beneficiary b) => b.Type == BeneficiaryType.Group ? b.Address ?? "" : b.Address is { Length: > 0 } a ? $"{a} ({b.GroupName})" : b.GroupName;

    /// <summary>The heading rows (ward, title, round, fund source), a blank row, the column headers, one row per beneficiary, the totals row.</summary>
    public static byte[] Xlsx(SupportRound r)
    {
        Dictionary<string, object?> Row(params object?[] cells) => Columns.Zip(cells.Concat(Enumerable.Repeat<object?>(null, Columns.Length))).ToDictionary(p => p.First, p => p.Second);
        var rows = new List<Dictionary<string, object?>>
        {
            Row(SupportTexts.ReceiptWard(r.WardName).ToUpperInvariant()),
            Row(SupportTexts.ReceiptListTitle),
            Row(r.Name),
            Row(SupportTexts.ReceiptFund(r.Fund.Name, SupportTexts.FundTypeName(r.Fund.Type))),
            Row(),
            Row(Headers.Cast<object?>().ToArray()),
        };
        var n = 0;
        foreach (var b in r.Beneficiaries) rows.Add(Row(++n, b.Name, Place(b), b.Amount, b.Gift ?? "", ""));
        rows.Add(Row(null, SupportTexts.ReceiptTotal, "", r.Total, "", ""));
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [SupportTexts.ReceiptSheet] = rows }, printHeader: false);
        return stream.ToArray();
    }

    /// <summary>The PDF's blocks: heading in two columns, title, round and fund source, the table, the signature.</summary>
    public static IReadOnlyList<Block> Blocks(SupportRound r)
    {
        var on = DateOnly.FromDateTime(VietnamTime.ToVietnam(r.ApprovedAt ?? r.UpdatedAt).DateTime);
        var table = new DocumentTable(
        [
            new(SupportTexts.ReceiptNo, 0.06, Align.Center), new(SupportTexts.ReceiptName, 0.22), new(SupportTexts.ReceiptPlace, 0.21),
            new(SupportTexts.ReceiptAmount, 0.13, Align.Right), new(SupportTexts.ReceiptGift, 0.18), new(SupportTexts.ReceiptSignature, 0.20),
        ],
        r.Beneficiaries.Select((b, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), b.Name, Place(b), Money(b.Amount), b.Gift ?? "", ""]).ToList(),
        ["", SupportTexts.ReceiptTotal, "", Money(r.Total), "", ""]);
        return
        [
            new("header-left", "ỦY BAN NHÂN DÂN"),
            new("header-left", SupportTexts.ReceiptWard(r.WardName).ToUpperInvariant()),
            new("national", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            new("motto", "Độc lập - Tự do - Hạnh phúc"),
            new("place-date", SupportTexts.ReceiptPlaceDate(SupportTexts.BareWardName(r.WardName), on)),
            new("space", ""),
            new("title", SupportTexts.ReceiptListTitle),
            new("subtitle", r.Name),
            new("center-italic", SupportTexts.ReceiptFund(r.Fund.Name, SupportTexts.FundTypeName(r.Fund.Type))),
            new("table", "", Table: table),
            new("space", ""),
            new("recipients-title", SupportTexts.ReceiptMadeBy),
            new("signature-title", SupportTexts.ReceiptApprovedBy),
            new("space", ""), new("space", ""), new("space", ""),
            new("signature-name", r.ApprovedByName ?? ""),
        ];
    }

    /// <summary>An amount as Vietnamese documents write it: 1.500.000 (blank when none).</summary>
    public static string Money(long? amount) => amount is { } a ? a.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.') : "";
}
