using MiniExcelLibs;

namespace Tndtq.Reports;

/// <summary>
/// The multi-year summary as an .xlsx workbook: one sheet per table, Vietnamese headers, numbers as numbers, the totals row last
/// (as <see cref="DashboardWorkbook"/>).
/// </summary>
public static class SummaryWorkbook
{
    public static byte[] Write(Summary s)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var t in s.Tables) sheets[t.Sheet] = Rows(t).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    static IEnumerable<Dictionary<string, object?>> Rows(SummaryTable t)
    {
        foreach (var r in t.Rows)
        {
            var row = new Dictionary<string, object?> { [t.RowHeader] = r.Label };
            for (var i = 0; i < t.Columns.Count; i++) row[t.Columns[i].Name] = r.Values[i];
            yield return row;
        }
    }
}
