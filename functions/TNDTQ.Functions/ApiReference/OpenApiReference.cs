using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Tndtq.Shared;

namespace Tndtq.ApiReference;

/// <summary>
/// The OpenAPI 3.1 document of the app's HTTP API, made once from the code itself: every method with
/// <c>[Function]</c>, <c>[HttpTrigger]</c> and <see cref="ApiOperationAttribute"/> is an operation (route and methods
/// from the trigger, path parameters from the route, the rest from the attribute); request and response schemas are
/// made from the named records as <see cref="Json.Options"/> writes them (camelCase, enums as kebab-case strings,
/// polymorphic changes with their <c>type</c>). Errors are RFC 9457 ProblemDetails, written in one place (<see cref="Api"/>).
/// </summary>
public sealed class OpenApiReference
{
    /// <summary>Where the document is served.</summary>
    public const string Route = Api.Prefix + "openapi.json";

    /// <summary>The header App Service Authentication (Easy Auth) puts on every signed-in request (Identity's ClientPrincipal).</summary>
    const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    const string ProblemSchema = "ProblemDetails";

    readonly Lazy<(byte[] Json, byte[] Gzip, string ETag)> served;

    public OpenApiReference() => served = new(() =>
    {
        var json = Serialize(Build(typeof(OpenApiReference).Assembly));
        using var gzip = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) zip.Write(json);
        return (json, gzip.ToArray(), "\"" + Convert.ToHexStringLower(SHA256.HashData(json))[..20] + "\"");
    });

    /// <summary>The document as served (JSON, UTF-8), its gzip copy, and its ETag.</summary>
    public (byte[] Json, byte[] Gzip, string ETag) Served => served.Value;

    public static byte[] Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>An HTTP function as the document sees it.</summary>
    public sealed record Function(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method, ApiOperationAttribute? Operation);

    /// <summary>Every HTTP function of the assembly, with its operation attribute when it has one.</summary>
    public static IReadOnlyList<Function> HttpFunctions(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => new Function(f.Function!.Name, f.Trigger!.Route ?? f.Function.Name,
                [.. (f.Trigger.Methods ?? []).Select(m => m.ToUpperInvariant())], f.Method, f.Method.GetCustomAttribute<ApiOperationAttribute>()))
            .OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>"api/wards/{wardId}" → "/api/wards/{wardId}"; a catch-all "{*path}" → "/{path}"; a constraint "{version:int}" → "{version}".</summary>
    public static string PathOf(string route) => "/" + System.Text.RegularExpressions.Regex.Replace(route, @"\{\**([A-Za-z0-9_]+)[^}]*\}", "{$1}");

    public static OpenApiDocument Build(Assembly assembly)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "TNDTQ API",
                Version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
                Description = "Tổ nhân dân tự quản: sổ theo dõi, quy trình rà soát – củng cố, khen thưởng, hỗ trợ, tập huấn, báo cáo. " +
                              "Mọi lỗi trả về application/problem+json (RFC 9457) với `code` và, khi có, `errors` theo từng trường. " +
                              "Các thao tác ghi nhận `x-requestid` để một yêu cầu gửi lại không bị thực hiện hai lần; " +
                              "các bản ghi có ETag trả về `If-Match` khi sửa.",
            },
            Paths = [],
            Components = new OpenApiComponents(),
        };
        var schemas = new Schemas(document);
        document.Components.Schemas = schemas.Components;
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["easyAuth"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = PrincipalHeader,
                Description = "Đăng nhập qua App Service Authentication (Entra ID): nền tảng thêm tiêu đề này vào mọi yêu cầu đã đăng nhập.",
            },
        };
        var tags = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var f in HttpFunctions(assembly).Where(f => f.Operation is not null))
        {
            var path = PathOf(f.Route);
            if (!document.Paths.TryGetValue(path, out var item)) document.Paths[path] = item = new OpenApiPathItem();
            var tag = TagOf(f.Method.DeclaringType!);
            tags.Add(tag);
            foreach (var method in f.Methods)
                ((OpenApiPathItem)item).AddOperation(new HttpMethod(method), Operation(document, schemas, f, tag, method, f.Methods.Count > 1));
        }
        document.Tags = new HashSet<OpenApiTag>(tags.Select(t => new OpenApiTag
        {
            Name = t,
            Extensions = new Dictionary<string, IOpenApiExtension> { ["x-displayName"] = new JsonNodeExtension(JsonValue.Create(SliceNames.GetValueOrDefault(t, t))) },
        }));
        return document;
    }

    /// <summary>How the reference page names each slice (the tag stays the slice's folder name); a new slice shows its own name until added here.</summary>
    static readonly Dictionary<string, string> SliceNames = new(StringComparer.Ordinal)
    {
        ["Admin"] = "Quản trị quy trình",
        ["ApiReference"] = "Tài liệu API",
        ["Commendations"] = "Khen thưởng",
        ["Demo"] = "Đăng nhập thử",
        ["Health"] = "Tình trạng hệ thống",
        ["Identity"] = "Người dùng, cán bộ",
        ["Inbox"] = "Việc cần làm, thông báo",
        ["Meetings"] = "Họp tổ",
        ["Operations"] = "Sao lưu, khôi phục",
        ["Register"] = "Sổ theo dõi",
        ["Reports"] = "Báo cáo",
        ["Restructure"] = "Rà soát, củng cố",
        ["SignOffs"] = "Trình ký",
        ["Support"] = "Hỗ trợ",
        ["Training"] = "Tập huấn",
        ["Web"] = "Ứng dụng web",
    };

    /// <summary>The slice a function belongs to: the namespace under Tndtq (Tndtq.Register.Import → Register).</summary>
    static string TagOf(Type type) => (type.Namespace ?? "Tndtq").Split('.') is { Length: > 1 } parts ? parts[1] : "Tndtq";

    static OpenApiOperation Operation(OpenApiDocument document, Schemas schemas, Function f, string tag, string method, bool manyMethods)
    {
        var a = f.Operation!;
        var parameters = new List<IOpenApiParameter>();
        foreach (var name in PathParameters(f.Route))
            parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        // An upload sent as raw bytes names its file in ?fileName= (Api.ReadFileAsync).
        foreach (var raw in a.Upload && !a.Query.Contains("fileName") ? [.. a.Query, "fileName"] : a.Query)
        {
            var name = raw.TrimEnd('!');
            parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Required = raw.EndsWith('!'),
                Schema = name == "pageSize"
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "200" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (a.IfMatch)
            parameters.Add(new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = true,
                Description = "ETag của bản ghi lần đọc gần nhất.", Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        if (a.RequestId)
            parameters.Add(new OpenApiParameter
            {
                Name = "x-requestid", In = ParameterLocation.Header, Required = false,
                Description = "Mã yêu cầu do người gọi đặt (chữ, số, '-', tối đa 64 ký tự): gửi lại cùng mã thì không thực hiện lần hai.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^[A-Za-z0-9-]+$" },
            });

        var operation = new OpenApiOperation
        {
            OperationId = manyMethods ? f.Name + Capitalize(method) : f.Name,
            Summary = a.Summary,
            Description = a.Description,
            Tags = new HashSet<OpenApiTagReference> { new(tag, document) },
            Parameters = parameters,
            Responses = [],
        };
        if (a.Anonymous) operation.Security = [];
        else operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("easyAuth", document)] = [] }];

        if (a.Body is { } body)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schemas.For(body) } },
            };
        else if (a.Upload)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "Tệp: trường \"file\" của biểu mẫu multipart, hoặc nội dung thô (tên tệp ở ?fileName=, kiểu ở Content-Type).",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["multipart/form-data"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = "application/octet-stream" } },
                            Required = new HashSet<string> { "file" },
                        },
                    },
                    ["application/octet-stream"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = "application/octet-stream" } },
                },
            };

        operation.Responses[a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Success(schemas, a);
        foreach (var status in ErrorsOf(f, a, hasPath: operation.Parameters.Any(p => p.In == ParameterLocation.Path)))
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(document, status);
        return operation;
    }

    static OpenApiResponse Success(Schemas schemas, ApiOperationAttribute a)
    {
        var response = new OpenApiResponse { Description = a.Status switch { 201 => "Đã tạo", 202 => "Đã nhận, đang xử lý", 204 => "Xong, không có nội dung", _ => "Thành công" } };
        if (a.File is { } types)
            response.Content = types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(t => t,
                t => (IOpenApiMediaType)new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = t } });
        else if (a.Response is { } type)
            response.Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schemas.For(type) } };
        var headers = new Dictionary<string, IOpenApiHeader>();
        if (a.Response is { } t2 && typeof(IVersioned).IsAssignableFrom(t2))
            headers["ETag"] = new OpenApiHeader { Description = "Phiên bản của bản ghi: gửi lại trong If-Match khi sửa.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        if (a.Location)
            headers["Location"] = new OpenApiHeader { Description = "Địa chỉ để đọc trạng thái sau khi xử lý.", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" } };
        if (a.File is not null)
            headers["Content-Disposition"] = new OpenApiHeader { Description = "attachment; tên tệp (filename*=UTF-8'').", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        if (headers.Count > 0) response.Headers = headers;
        return response;
    }

    /// <summary>The ProblemDetails answers an operation can give.</summary>
    static SortedSet<int> ErrorsOf(Function f, ApiOperationAttribute a, bool hasPath)
    {
        var errors = new SortedSet<int>(a.Errors) { 503 };
        // Every path segment is checked as an id (Api.CheckPath), a query value as text, a body against its record.
        if (hasPath || a.Query.Length > 0 || a.Body is not null || a.Upload || a.RequestId) errors.Add(400);
        if (a.Body is not null || a.Upload) errors.Add(413);
        if (!a.Anonymous) { errors.Add(401); errors.Add(403); }
        if (hasPath && f.Route.StartsWith(Api.Prefix, StringComparison.Ordinal)) errors.Add(404);
        if (a.IfMatch) { errors.Add(412); errors.Add(428); }
        errors.Remove(a.Status);
        return errors;
    }

    static readonly Dictionary<int, string> ProblemTitles = new()
    {
        [400] = "Dữ liệu không hợp lệ (errors nêu từng trường)",
        [401] = "Chưa đăng nhập",
        [403] = "Không có quyền với thao tác này",
        [404] = "Không tìm thấy",
        [405] = "Phương thức không dùng cho địa chỉ này",
        [409] = "Xung đột với trạng thái hiện tại",
        [412] = "ETag trong If-Match đã cũ: đọc lại rồi sửa",
        [413] = "Nội dung quá lớn",
        [422] = "Tệp không nhập được (errors nêu từng dòng)",
        [428] = "Thiếu If-Match",
        [503] = "Kho dữ liệu tạm thời không trả lời: gửi lại sau Retry-After giây",
    };

    static OpenApiResponse Problem(OpenApiDocument document, int status)
    {
        var response = new OpenApiResponse
        {
            Description = ProblemTitles.GetValueOrDefault(status, "Lỗi"),
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        };
        if (status == 503)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Số giây nên chờ trước khi gửi lại.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        return response;
    }

    static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457, tiếng Việt.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Mã lỗi ổn định cho máy đọc (validation, not-found, stale-etag…)." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Theo từng trường: các lý do.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        Required = new HashSet<string> { "title", "status" },
    };

    static IEnumerable<string> PathParameters(string route) =>
        System.Text.RegularExpressions.Regex.Matches(route, @"\{\**([A-Za-z0-9_]+)[^}]*\}").Select(m => m.Groups[1].Value);

    static string Capitalize(string method) => method[..1] + method[1..].ToLowerInvariant();

    /// <summary>
    /// The component schemas, one per record, named by the C# type ("PageResultOfGroupView" for a generic;
    /// "Register.DecisionBody" when two slices use the same name). Read from the serializer's own contract,
    /// so names, nullability and polymorphism are what the app writes.
    /// </summary>
    sealed class Schemas(OpenApiDocument document)
    {
        public Dictionary<string, IOpenApiSchema> Components { get; } = new(StringComparer.Ordinal);
        readonly Dictionary<Type, string> names = [];

        public IOpenApiSchema For(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (Primitive(type) is { } primitive) return primitive;
            if (type.IsEnum) return Reference(type, () => EnumSchema(type));
            var info = Json.Options.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    return new OpenApiSchema { Type = JsonSchemaType.Array, Items = For(info.ElementType ?? typeof(object)) };
                case JsonTypeInfoKind.Dictionary:
                    return new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = For(info.ElementType ?? typeof(object)) };
                case JsonTypeInfoKind.Object:
                    return Reference(type, () => ObjectSchema(info));
                default:
                    return new OpenApiSchema(); // anything (object, JsonElement, a custom converter)
            }
        }

        IOpenApiSchema Reference(Type type, Func<OpenApiSchema> make)
        {
            if (!names.TryGetValue(type, out var name))
            {
                name = NameOf(type);
                if (Components.ContainsKey(name) || name == ProblemSchema) name = TagOf(type) + "." + name;
                names[type] = name;
                Components[name] = new OpenApiSchema(); // placeholder: a record that refers to itself
                Components[name] = make();
            }
            return new OpenApiSchemaReference(name, document);
        }

        static string NameOf(Type type)
        {
            var name = type.Name.Split('`')[0];
            if (type.IsNested && type.DeclaringType is { } outer) name = outer.Name.Split('`')[0] + name;
            return type.IsGenericType ? name + "Of" + string.Concat(type.GetGenericArguments().Select(NameOf)) : name;
        }

        OpenApiSchema ObjectSchema(JsonTypeInfo info)
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) };
            var required = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in info.Properties)
            {
                if (p.Get is null && p.Set is null) continue;
                var nullable = p.IsGetNullable && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null);
                var property = For(p.PropertyType);
                schema.Properties[p.Name] = !nullable ? property
                    : property is OpenApiSchema { Type: { } type } inline ? Also(inline, type | JsonSchemaType.Null)
                    : new OpenApiSchema { OneOf = [property, new OpenApiSchema { Type = JsonSchemaType.Null }] };
                if (p.IsRequired || (p.AssociatedParameter is { HasDefaultValue: false } && !nullable)) required.Add(p.Name);
            }
            if (required.Count > 0) schema.Required = required;
            if (info.PolymorphismOptions is { } poly && poly.DerivedTypes.Count > 0)
            {
                // A change of the register: one of its kinds, named in "type".
                var discriminator = poly.TypeDiscriminatorPropertyName;
                var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
                var kinds = new List<IOpenApiSchema>();
                foreach (var derived in poly.DerivedTypes)
                {
                    var reference = (OpenApiSchemaReference)Reference(derived.DerivedType, () => DerivedSchema(derived.DerivedType, discriminator, derived.TypeDiscriminator?.ToString()));
                    kinds.Add(reference);
                    if (derived.TypeDiscriminator?.ToString() is { } value) mapping[value] = reference;
                }
                return new OpenApiSchema { OneOf = kinds, Discriminator = new OpenApiDiscriminator { PropertyName = discriminator, Mapping = mapping } };
            }
            return schema;
        }

        static OpenApiSchema Also(OpenApiSchema schema, JsonSchemaType type)
        {
            schema.Type = type;
            return schema;
        }

        /// <summary>A kind of a polymorphic record: its own properties and the discriminator with its one value.</summary>
        OpenApiSchema DerivedSchema(Type type, string discriminator, string? value)
        {
            var contract = Json.Options.GetTypeInfo(type);
            var schema = ObjectSchema(contract);
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[discriminator] = new OpenApiSchema { Type = JsonSchemaType.String, Const = value };
            schema.Required ??= new HashSet<string>();
            schema.Required.Add(discriminator);
            return schema;
        }

        static OpenApiSchema EnumSchema(Type type) => new()
        {
            Type = JsonSchemaType.String,
            Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)))],
        };

        static OpenApiSchema? Primitive(Type type) =>
            type == typeof(string) || type == typeof(char) ? new() { Type = JsonSchemaType.String }
            : type == typeof(bool) ? new() { Type = JsonSchemaType.Boolean }
            : type == typeof(int) || type == typeof(short) || type == typeof(byte) ? new() { Type = JsonSchemaType.Integer, Format = "int32" }
            : type == typeof(long) ? new() { Type = JsonSchemaType.Integer, Format = "int64" }
            : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? new() { Type = JsonSchemaType.Number }
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? new() { Type = JsonSchemaType.String, Format = "date-time" }
            : type == typeof(DateOnly) ? new() { Type = JsonSchemaType.String, Format = "date" }
            : type == typeof(TimeOnly) || type == typeof(TimeSpan) ? new() { Type = JsonSchemaType.String, Format = "time" }
            : type == typeof(Guid) ? new() { Type = JsonSchemaType.String, Format = "uuid" }
            : type == typeof(Uri) ? new() { Type = JsonSchemaType.String, Format = "uri" }
            : type == typeof(byte[]) || type == typeof(BinaryData) ? new() { Type = JsonSchemaType.String, ContentEncoding = "base64" }
            : type == typeof(object) || type == typeof(System.Text.Json.JsonElement) || typeof(JsonNode).IsAssignableFrom(type) ? new()
            : null;
    }
}
