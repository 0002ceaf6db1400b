using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using Tndtq.Shared;

namespace Tndtq.Register.Import;

/// <summary>One data row of an uploaded file: its row number as the user sees it, and its cells by column key.</summary>
public sealed record ImportRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string key] => Cells.GetValueOrDefault(key);
}

/// <summary>Reads .xlsx (MiniExcel) and .csv (CsvHelper) into rows keyed by the template's columns.</summary>
public static class ImportFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static bool LooksLikeXlsx(ReadOnlySpan<byte> content) => content.Length > 4 && content[0] == (byte)'P' && content[1] == (byte)'K';

    public static List<ImportRow> Read(byte[] content)
    {
        try
        {
            return LooksLikeXlsx(content) ? ReadXlsx(content) : ReadCsv(content);
        }
        catch (ProblemException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ProblemException.BadRequest(RegisterTexts.ImportUnreadable, "unreadable-file");
        }
    }

    static List<ImportRow> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var rows = new List<ImportRow>();
        Dictionary<string, string>? keyByHeader = null;
        var number = 1;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            number++;
            keyByHeader ??= MapHeaders(row.Keys);
            var cells = new Dictionary<string, string?>();
            foreach (var (header, value) in row)
                if (keyByHeader.TryGetValue(header, out var key)) cells[key] = RegisterSheet.CellText(value);
            if (cells.Values.Any(v => v is not null)) rows.Add(new ImportRow(number, cells));
        }
        return rows;
    }

    static List<ImportRow> ReadCsv(byte[] content)
    {
        var text = new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
        using var reader = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter, DetectColumnCountChanges = false, MissingFieldFound = null, BadDataFound = null, TrimOptions = TrimOptions.Trim,
        });
        if (!reader.Read() || !reader.ReadHeader()) throw ProblemException.BadRequest(RegisterTexts.ImportEmpty, "empty-file");
        var headers = reader.HeaderRecord!;
        var keyByHeader = MapHeaders(headers);
        var rows = new List<ImportRow>();
        while (reader.Read())
        {
            var cells = new Dictionary<string, string?>();
            foreach (var header in headers)
                if (keyByHeader.TryGetValue(header, out var key)) cells[key] = reader.GetField(header) is { Length: > 0 } v ? v.Trim() : null;
            if (cells.Values.Any(v => v is not null)) rows.Add(new ImportRow(reader.Parser.Row, cells));
        }
        return rows;
    }

    static Dictionary<string, string> MapHeaders(IEnumerable<string> headers)
    {
        var map = new Dictionary<string, string>();
        foreach (var h in headers) if (RegisterSheet.KeyOf(h) is { } key && !map.ContainsValue(key)) map[h] = key;
        var missing = new[] { "group", "fullName" }.Where(k => !map.ContainsValue(k)).ToList();
        if (missing.Count > 0)
            throw ProblemException.BadRequest(RegisterTexts.ImportMissingColumns(missing.Select(k => RegisterSheet.Columns.First(c => c.Key == k).Header)), "missing-columns");
        return map;
    }
}
