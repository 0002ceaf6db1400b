namespace Tndtq.Shared.Documents;

/// <summary>The words of the document machinery itself: what is wrong with an edited template.</summary>
public static class DocumentTexts
{
    public static string TemplateLineNotStyled(int line) => $"Dòng {line} của mẫu không bắt đầu bằng @kiểu (hoặc # cho ghi chú).";
    public static string TemplateUnknownStyle(int line, string style) => $"Dòng {line} của mẫu dùng kiểu không có: @{style}.";
    public static string TemplateUnknownPlaceholder(int line, string name) => $"Dòng {line} của mẫu có chỗ điền không có: {{{{{name}}}}}.";
    public static string TemplateBrokenPlaceholder(int line) => $"Dòng {line} của mẫu có chỗ điền viết sai (thiếu dấu }}}}).";
    public const string TemplateEmpty = "Mẫu không có dòng nội dung nào.";
    public static string TemplateFellBack(string name, IEnumerable<string> problems) =>
        $"Mẫu {name}.txt do quản trị sửa không dùng được nên văn bản được tạo theo mẫu gốc: {string.Join(" ", problems)}";
}
