using System.Text;
using System.Text.Json;
using Tndtq.ApiReference;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// The web app's types of the API's answers (<c>Web/types/api.d.ts</c>) are written from the app's own OpenAPI
/// document (the one <c>/api/openapi.json</c> serves): one TypeScript declaration per component schema. This test
/// writes the file and fails when what it wrote differs from what was committed, so a C# record changed without
/// the file is a red test, and the file then changed makes <c>tsc</c> (CI, <c>.ci/run</c>) name every page that
/// reads a field that is gone. Without storage: it runs in a second.
/// </summary>
public sealed class WebApiTypesTests
{
    public const string RelativePath = "functions/TNDTQ.Functions/Web/types/api.d.ts";

    [Fact]
    public void The_web_apps_answer_types_are_the_ones_the_openapi_document_gives()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TNDTQ.Functions.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, RelativePath);
        // The app's JSON options get their contract resolver on first use (a request, in the host); here nothing used them yet.
        _ = JsonSerializer.Serialize(0, Json.Options);
        var written = Declarations(OpenApiReference.Serialize(OpenApiReference.Build(typeof(Api).Assembly)));
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        if (committed == written) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, written);
        Assert.Fail($"{RelativePath} was stale and has been written again from the OpenAPI document: run `npx tsc -p jsconfig.json`, fix the pages it names, and commit the file.");
    }

    [Fact]
    public void Records_nullable_fields_unions_and_enums_become_their_typescript_types()
    {
        var json = """
            {"components":{"schemas":{
              "Kind":{"type":"string","enum":["a","b-c"]},
              "Row":{"type":"object","properties":{"id":{"type":"string"},"note":{"type":["string","null"]},"n":{"type":"integer"},
                "kind":{"$ref":"#/components/schemas/Kind"},"tags":{"type":"array","items":{"type":"string"}},
                "counts":{"type":"object","additionalProperties":{"type":"integer"}},"any":{},
                "parent":{"oneOf":[{"$ref":"#/components/schemas/Row"},{"type":"null"}]}},"required":["id","n"]},
              "Change":{"oneOf":[{"$ref":"#/components/schemas/Row"},{"$ref":"#/components/schemas/Kind"}]}}}}
            """;
        var ts = Declarations(Encoding.UTF8.GetBytes(json));
        Assert.Contains("export type Kind = \"a\" | \"b-c\";", ts);
        Assert.Contains("export type Change = Row | Kind;", ts);
        Assert.Contains("""
            export interface Row {
              id: string;
              note?: string | null;
              n: number;
              kind?: Kind;
              tags?: string[];
              counts?: Record<string, number>;
              any?: unknown;
              parent?: Row | null;
            }
            """.ReplaceLineEndings("\n"), ts);
    }

    /// <summary>The declarations of every component schema, in the document's order.</summary>
    public static string Declarations(byte[] openApiJson)
    {
        using var doc = JsonDocument.Parse(openApiJson);
        var output = new StringBuilder();
        output.Append("// Written by tests/TNDTQ.Tests/Foundation/WebApiTypesTests.cs from the app's OpenAPI document (/api/openapi.json).\n");
        output.Append("// Do not edit: change the C# record, run that test (it writes this file), then `npx tsc -p jsconfig.json`.\n");
        foreach (var schema in doc.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            var name = TypeName(schema.Name);
            output.Append('\n');
            if (schema.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "object" && !schema.Value.TryGetProperty("oneOf", out _))
            {
                output.Append($"export interface {name} {{\n");
                var required = schema.Value.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                if (schema.Value.TryGetProperty("properties", out var properties))
                    foreach (var p in properties.EnumerateObject())
                        output.Append($"  {PropertyName(p.Name)}{(required.Contains(p.Name) ? "" : "?")}: {TypeOf(p.Value)};\n");
                output.Append("}\n");
            }
            else output.Append($"export type {name} = {TypeOf(schema.Value)};\n");
        }
        return output.ToString();
    }

    /// <summary>"Register.DecisionBody" (a name two slices share) → "Register_DecisionBody".</summary>
    static string TypeName(string schemaName) => schemaName.Replace('.', '_');

    static string PropertyName(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && !char.IsAsciiDigit(name[0]) ? name : JsonSerializer.Serialize(name);

    static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return TypeName(reference.GetString()!.Split('/')[^1]);
        if (schema.TryGetProperty("const", out var constant)) return constant.GetRawText();
        if (schema.TryGetProperty("enum", out var values)) return string.Join(" | ", values.EnumerateArray().Select(v => v.GetRawText()));
        if (schema.TryGetProperty("oneOf", out var oneOf)) return string.Join(" | ", oneOf.EnumerateArray().Select(TypeOf));
        if (!schema.TryGetProperty("type", out var type)) return "unknown";
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(x => x.GetString()!).ToList() : [type.GetString()!];
        return string.Join(" | ", types.Select(t => t switch
        {
            "string" => "string",
            "integer" or "number" => "number",
            "boolean" => "boolean",
            "null" => "null",
            "array" => schema.TryGetProperty("items", out var items) ? Array(TypeOf(items)) : "unknown[]",
            "object" => schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object ? $"Record<string, {TypeOf(values)}>" : "Record<string, unknown>",
            _ => "unknown",
        }));
    }

    static string Array(string element) => element.Contains(' ') ? $"({element})[]" : $"{element}[]";
}
