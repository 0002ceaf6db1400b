using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Tndtq.Shared;

namespace Tndtq.Tests.Foundation;

/// <summary>
/// Every field of every request body, found by reflection (the bodies and every record they
/// contain), is fed many hostile values: each is a 400 naming that field, never accepted and never
/// a failure further down. A value at the limit is accepted.
/// </summary>
[Trait("Category", "Rules")]
public sealed class InputLimitsTests
{
    /// <summary>Every type a request body is read as, and every record reachable from them.</summary>
    public static IEnumerable<Type> RequestTypes()
    {
        var roots = typeof(Api).Assembly.GetTypes().Where(t => t.Name.EndsWith("Body", StringComparison.Ordinal) && !t.IsAbstract && t.IsClass)
            .Append(typeof(Tndtq.Commendations.AwardForm));
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var derived in type.GetCustomAttributes<JsonDerivedTypeAttribute>()) queue.Enqueue(derived.DerivedType);
            foreach (var p in type.GetProperties())
            {
                var t = ElementType(p.PropertyType) ?? Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (t.Namespace?.StartsWith("Tndtq", StringComparison.Ordinal) == true && t.IsClass) queue.Enqueue(t);
            }
        }
        return seen.Where(t => !t.IsAbstract);
    }

    static Type? ElementType(Type t) => t == typeof(string) ? null
        : t.IsArray ? t.GetElementType()
        : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    public static TheoryData<string, string> StringFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in RequestTypes())
            foreach (var p in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
                data.Add(type.FullName!, p.Name);
        return data;
    }

    public static TheoryData<string, string> ListFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in RequestTypes())
            foreach (var p in type.GetProperties().Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
                data.Add(type.FullName!, p.Name);
        return data;
    }

    [Fact]
    public void The_bodies_are_all_found()
    {
        var names = RequestTypes().Select(t => t.Name).ToList();
        Assert.Contains("ProposalBody", names);
        Assert.Contains("EstablishGroup", names);
        Assert.Contains("Candidate", names);
        Assert.Contains("NominateBody", names);
        Assert.Contains("MarkReadBody", names);
        Assert.True(StringFields().Count() > 60, $"only {StringFields().Count()} string fields found");
    }

    [Theory]
    [MemberData(nameof(StringFields))]
    public async Task Every_text_field_refuses_what_would_break_storage_or_display(string typeName, string propertyName)
    {
        var (type, property, field) = Find(typeName, propertyName);
        var isId = Attribute<IdAttribute>(type, property) is not null;
        var text = Attribute<TextAttribute>(type, property);
        var max = isId ? Input.MaxIdLength : text?.MaxLength ?? Input.DefaultMaxLength;
        Assert.True(max <= Limits.LongText, $"{field} allows {max} characters");

        var hostile = new List<string>
        {
            new('a', max + 1), new('ễ', 1024 * 1024), "a\u0000b", "\u001b[31mđỏ", "Nguyễn\u202EnăV", "\u2066x\u2069", "\uFEFFTổ 1", "a\u0007b", "x\u0085y",
        };
        if (!(text?.MultiLine ?? false)) hostile.AddRange(["dòng 1\ndòng 2", "a\r\nb", "a\tb"]);
        if (isId) hostile.AddRange(["a/b", "../demo-admin", "a\\b", "a#b", "a?b", "a b", "phường", ""]);
        foreach (var value in hostile)
        {
            var problem = await Assert.ThrowsAsync<ProblemException>(() => ReadAsync(type, new Dictionary<string, object?> { [field] = value }));
            Assert.True(problem.Status == 400, $"{type.Name}.{field} = {Show(value)}: {problem.Status}");
            Assert.True(problem.Errors?.ContainsKey(field) == true, $"{type.Name}.{field} = {Show(value)}: errors {string.Join(", ", problem.Errors?.Keys ?? [])}");
            Assert.Contains($"\"{field}\"", problem.Detail);
        }
        // A lone surrogate can only arrive escaped.
        var lone = await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(type, $"{{\"{field}\":\"a\\ud800b\"}}"));
        Assert.Equal(400, lone.Status);

        // At the limit, in Vietnamese (or an id's own letters), the field itself has no complaint.
        var fine = isId ? new string('a', max) : new string('ữ', max);
        try { await ReadAsync(type, new Dictionary<string, object?> { [field] = fine }); }
        catch (ProblemException p) { Assert.False(p.Errors?.ContainsKey(field) == true, $"{type.Name}.{field} refused a value at its limit: {p.Detail}"); }
    }

    [Theory]
    [MemberData(nameof(ListFields))]
    public async Task Every_list_has_a_count_limit_and_no_empty_items(string typeName, string propertyName)
    {
        var (type, property, field) = Find(typeName, propertyName);
        var max = Attribute<MaxCountAttribute>(type, property)?.Max ?? Input.DefaultMaxCount;
        Assert.True(max <= 1000, $"{field} allows {max} items");
        var item = SampleItem(ElementType(property.PropertyType)!);
        var tooMany = await Assert.ThrowsAsync<ProblemException>(() => ReadAsync(type, new Dictionary<string, object?> { [field] = Enumerable.Repeat(item, max + 1).ToArray() }));
        Assert.Equal(400, tooMany.Status);
        Assert.True(tooMany.Errors?.ContainsKey(field) == true, $"{type.Name}.{field}: errors {string.Join(", ", tooMany.Errors?.Keys ?? [])}");
        var nullItem = await Assert.ThrowsAsync<ProblemException>(() => ReadAsync(type, new Dictionary<string, object?> { [field] = new object?[] { null } }));
        Assert.Equal(400, nullItem.Status);
    }

    [Fact]
    public async Task A_proposal_change_without_its_kind_or_its_ids_is_a_400_naming_the_field()
    {
        async Task<ProblemException> Bad(string json) => await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Restructure.ProposalBody), json));

        var noKind = await Bad("""{"title":"Tờ trình","changes":[{"change":{"name":"Tổ 30","households":4}}]}""");
        Assert.Contains("changes[0].change.type", noKind.Errors!.Keys);
        var flat = await Bad("""{"title":"Tờ trình","changes":[{"type":"establish","name":"Tổ 30","households":4}]}""");
        Assert.Contains("changes[0].change", flat.Errors!.Keys);
        var noGroup = await Bad("""{"title":"T","changes":[{"change":{"type":"consolidate","leader":{"memberId":"m1"}}}]}""");
        Assert.Contains("changes[0].change.groupId", noGroup.Errors!.Keys);
        var nullTarget = await Bad("""{"title":"T","changes":[{"change":{"type":"merge","sourceGroupIds":["a"],"targetGroupId":null}}]}""");
        Assert.Contains("changes[0].change.targetGroupId", nullTarget.Errors!.Keys);
        var unknownKind = await Bad("""{"title":"T","changes":[{"change":{"type":"teleport","groupId":"g"}}]}""");
        Assert.Equal(400, unknownKind.Status);
        var badItem = await Bad("""{"title":"T","changes":[{"change":{"type":"merge","sourceGroupIds":["a","../b"],"targetGroupId":"c"}}]}""");
        Assert.Contains("changes[0].change.sourceGroupIds[1]", badItem.Errors!.Keys);

        // The README's shapes are read whole, "type" anywhere in the change.
        var ok = (Tndtq.Restructure.ProposalBody)(await ReadRawAsync(typeof(Tndtq.Restructure.ProposalBody), """
            {"title":"Tờ trình kiện toàn","changes":[
              {"change":{"name":"Tổ 30, khu vực 6","area":"Hẻm 4","households":45,"type":"establish",
                 "leader":{"fullName":"Nguyễn Văn An","birthYear":1975,"address":"Số 1, hẻm 4"},"deputies":[],"members":[]},
               "reason":"Dân cư tăng","candidates":[{"fullName":"Nguyễn Văn An","birthYear":1975,"livesInArea":true,"yearsOfResidence":10,
                 "endorsedByResidents":true,"endorsedByFrontCommittee":false}]},
              {"change":{"type":"dissolve","groupId":"g1","reason":"Giải tỏa"}}]}
            """))!;
        Assert.Equal(2, ok.Changes!.Count);
        Assert.IsType<Tndtq.Register.EstablishGroup>(ok.Changes[0].Change);
    }

    [Fact]
    public async Task A_body_over_its_size_limit_is_413_and_broken_json_is_400()
    {
        var big = await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Inbox.MarkReadBody), "{\"ids\":[" + string.Join(",", Enumerable.Repeat("\"abcdefgh\"", 10_000)) + "]}"));
        Assert.Equal(413, big.Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Inbox.MarkReadBody), "{\"ids\":"))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Inbox.MarkReadBody), ""))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Inbox.MarkReadBody), "[1,2]"))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProblemException>(() => ReadRawAsync(typeof(Tndtq.Inbox.MarkReadBody), "{\"ids\":[null]}"))).Status);
    }

    [Fact]
    public async Task Text_is_stored_in_one_normal_form()
    {
        var decomposed = "Nguye\u0302\u0303n"; // "Nguyễn" typed with combining marks
        var body = (Tndtq.Register.AddMemberBody)(await ReadAsync(typeof(Tndtq.Register.AddMemberBody), new Dictionary<string, object?> { ["fullName"] = decomposed }))!;
        Assert.Equal("Nguyễn", body.FullName);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static (Type Type, PropertyInfo Property, string Field) Find(string typeName, string propertyName)
    {
        var type = typeof(Api).Assembly.GetType(typeName)!;
        var property = type.GetProperty(propertyName)!;
        return (type, property, JsonNamingPolicy.CamelCase.ConvertName(propertyName));
    }

    static T? Attribute<T>(Type type, PropertyInfo property) where T : Attribute =>
        property.GetCustomAttribute<T>() ?? type.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase))?.GetCustomAttribute<T>();

    /// <summary>A minimal valid item of a list: the values its record cannot do without, filled in.</summary>
    static object? SampleItem(Type type)
    {
        if (type == typeof(string)) return "abc";
        if (type == typeof(int)) return 1;
        if (type.IsEnum) return JsonNamingPolicy.KebabCaseLower.ConvertName(Enum.GetValues(type).GetValue(0)!.ToString()!);
        if (type.IsAbstract) // a structural change: the smallest kind
            return new Dictionary<string, object?> { ["type"] = "dissolve", ["groupId"] = "g1" };
        var item = new Dictionary<string, object?>();
        var nullability = new NullabilityInfoContext();
        foreach (var p in type.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => !p.HasDefaultValue && !p.ParameterType.IsValueType))
            if (nullability.Create(p).WriteState == NullabilityState.NotNull)
                item[JsonNamingPolicy.CamelCase.ConvertName(p.Name!)] = ElementType(p.ParameterType) is not null ? Array.Empty<object>() : SampleItem(p.ParameterType);
        return item;
    }

    /// <summary>Reads a body with a generous size limit, so that each field's own limit is what answers.</summary>
    static Task<object?> ReadAsync(Type type, Dictionary<string, object?> fields)
    {
        // The record's other required values are filled in, so that the field under test is what answers.
        var body = SampleItem(type) as Dictionary<string, object?> ?? [];
        foreach (var (k, v) in fields) body[k] = v;
        return ReadRawAsync(type, AddDiscriminator(type, JsonSerializer.Serialize(body)), 16 * 1024 * 1024);
    }

    static string AddDiscriminator(Type type, string json) =>
        type.BaseType?.GetCustomAttributes<JsonDerivedTypeAttribute>().FirstOrDefault(d => d.DerivedType == type) is { } d
            ? "{\"type\":\"" + d.TypeDiscriminator + "\"," + json[1..] : json;

    static async Task<object?> ReadRawAsync(Type type, string json, int maxBytes = Input.DefaultMaxBodyBytes)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var method = typeof(Api).GetMethod(nameof(Api.ReadBodyAsync))!.MakeGenericMethod(type);
        var task = (Task)method.Invoke(null, [context.Request, maxBytes])!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    static string Show(string value) => value.Length > 20 ? $"({value.Length} characters)" : JsonSerializer.Serialize(value);
}
