using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tndtq.Shared;

/// <summary>
/// The limits of every value a request may carry, checked at the edge before any code sees it.
/// Request bodies are read with <see cref="Input.Options"/>: every string has a length limit (200
/// characters unless its property says otherwise with <see cref="TextAttribute"/>), one line unless
/// it is <see cref="TextAttribute.MultiLine"/>, no control or direction-override characters, and is
/// normalised to NFC; ids (<see cref="IdAttribute"/>) are short runs of letters, digits and
/// <c>- _ .</c>; every list has a count limit (<see cref="MaxCountAttribute"/>, default 100) and no
/// null items; a value a record needs must be there; the body itself has a size limit. A value
/// over a limit is a 400 naming the field, in Vietnamese — never a failure further down.
/// </summary>
public static class Input
{
    public const int DefaultMaxLength = 200;
    public const int DefaultMaxCount = 100;
    public const int MaxIdLength = 128;
    /// <summary>Request bodies above this many bytes are refused (413) unless an endpoint allows more.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The JSON options for reading request bodies (the API's shape plus the limits).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    static JsonSerializerOptions Create()
    {
        var options = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.RespectNullableAnnotations = true; // an explicit null where the record does not allow one is a 400
        options.AllowOutOfOrderMetadataProperties = true; // "type" may stand anywhere in a change
        options.Converters.Add(new LimitedString(DefaultMaxLength, multiLine: false, id: false, rejectNull: true)); // list items
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ApplyLimits } };
        return options;
    }

    /// <summary>Why a text is not acceptable (null: it is), for a query-string value or a cell of an imported file.</summary>
    public static string? TextProblem(string? value, int maxLength = DefaultMaxLength, bool multiLine = false)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return Texts.InputTooLong(maxLength);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return Texts.InputBadCharacters;
            if (c is '\n' or '\r' or '\t') { if (!multiLine) return Texts.InputOneLine; continue; }
            if (char.IsControl(c) || IsInvisibleFormatting(c)) return Texts.InputBadCharacters;
        }
        return null;
    }

    /// <summary>Why an id is not acceptable (null: it is): letters, digits, <c>- _ . :</c>, at most 128 characters.</summary>
    public static string? IdProblem(string? value) =>
        value is null ? null
        : value.Length is 0 or > MaxIdLength || !value.All(IsIdChar) ? Texts.InputBadId
        : null;

    public static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>A value a person cannot see that changes how text reads: direction overrides and isolates, byte-order marks, non-characters.</summary>
    public static bool IsInvisibleFormatting(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    /// <summary>A checked text: NFC, with the one-line rule applied; throws <see cref="InputException"/>.</summary>
    static string Check(string value, int maxLength, bool multiLine, bool id)
    {
        var problem = id ? IdProblem(value) : TextProblem(value, maxLength, multiLine);
        if (problem is not null) throw new InputException(problem);
        return id ? value : value.Normalize(NormalizationForm.FormC);
    }

    static void ApplyLimits(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var parameters = info.Type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.Name is not null)
            .GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var counted = new List<(JsonPropertyInfo Property, int Max)>();
        foreach (var property in info.Properties)
        {
            var member = property.AttributeProvider as MemberInfo;
            var parameter = member is not null && parameters.TryGetValue(member.Name, out var p) ? p : null;
            T? Find<T>() where T : Attribute => member?.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();
            var id = Find<IdAttribute>() is not null;
            // A value the record cannot do without (a non-nullable reference without a default) must be sent.
            if (parameter is { HasDefaultValue: false } && !parameter.ParameterType.IsValueType &&
                Nullability.Create(parameter).WriteState == NullabilityState.NotNull)
                property.IsRequired = true;
            if (property.PropertyType == typeof(string))
            {
                var text = Find<TextAttribute>();
                property.CustomConverter = new LimitedString(text?.MaxLength ?? DefaultMaxLength, text?.MultiLine ?? false, id, rejectNull: false);
            }
            else if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                if (id && property.PropertyType == typeof(IReadOnlyList<string>)) property.CustomConverter = new IdList();
                counted.Add((property, Find<MaxCountAttribute>()?.Max ?? DefaultMaxCount));
            }
        }
        if (counted.Count == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (property, max) in counted)
            {
                if (property.Get?.Invoke(value) is not IEnumerable items) continue;
                if (Count(items) > max) throw new InputException(Texts.InputTooMany(max), property.Name);
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null) throw new InputException(Texts.InputNullItem, $"{property.Name}[{index}]");
                    index++;
                }
            }
        };
    }

    static readonly NullabilityInfoContext Nullability = new();

    static int Count(IEnumerable items)
    {
        if (items is ICollection c) return c.Count;
        var n = 0;
        foreach (var _ in items) n++;
        return n;
    }

    sealed class LimitedString(int maxLength, bool multiLine, bool id, bool rejectNull) : JsonConverter<string>
    {
        public override bool HandleNull => rejectNull;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) throw new InputException(Texts.InputNullItem);
            if (reader.TokenType != JsonTokenType.String) throw new InputException(Texts.InputNotText);
            return Check(reader.GetString()!, maxLength, multiLine, id);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A list of ids, read item by item so that a bad item is named by its own path.</summary>
    sealed class IdList : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new InputException(Texts.InputNotList);
            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) throw new InputException(Texts.InputBadId, $"[{list.Count}]");
                var value = reader.GetString()!;
                if (IdProblem(value) is { } problem) throw new InputException(problem, $"[{list.Count}]");
                list.Add(value);
            }
            return list;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}

/// <summary>A value of a request that breaks a limit; <see cref="Api"/> answers 400 naming the field.</summary>
public sealed class InputException(string reason, string? member = null) : JsonException(reason)
{
    /// <summary>Vietnamese: what is wrong with the value.</summary>
    public string Reason { get; } = reason;
    /// <summary>A part of the path below the one the serializer reports (a property or an item), or null.</summary>
    public string? Member { get; } = member;
}

/// <summary>A text field's limits: at most <see cref="MaxLength"/> characters; one line unless <see cref="MultiLine"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
    public bool MultiLine { get; init; }
}

/// <summary>An id (or a list of ids): letters, digits and <c>- _ .</c>, at most 128 characters each.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class IdAttribute : Attribute;

/// <summary>A list of at most <see cref="Max"/> items.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxCountAttribute(int max) : Attribute
{
    public int Max { get; } = max;
}

/// <summary>The lengths the register and the workflows allow, named once so that the edge and the rules agree.</summary>
public static class Limits
{
    public const int Name = 100;
    public const int Title = 200;
    public const int Address = 300;
    public const int Area = 500;
    public const int Email = 254;
    public const int Comment = 2000;
    public const int LongText = 4000;
    public const int FileName = 200;
}
