using System.Text.Json.Nodes;
using Crm.Core.Endpoint;
using Crm.Core.Errors;
using Microsoft.OpenApi;

namespace Crm.Core.Discovery;

/// <summary>
/// The shared parts of openapi.json: the two ways of passing the key, the error answer with every code of
/// <see cref="ErrorCode"/> under its status, and the entry shape of the lists.
/// </summary>
internal static class OpenApiShared
{
    public const string KeyHeader = "ApiKeyHeader";
    public const string KeyQuery = "ApiKeyQuery";
    public const string Error = "Error";
    public const string Entry = "Entry";

    /// <summary>Each HTTP status an error answer can have, with its codes in declaration order.</summary>
    public static IEnumerable<IGrouping<int, ErrorCode>> ErrorStatuses() =>
        Enum.GetValues<ErrorCode>().GroupBy(code => code.HttpStatus()).OrderBy(group => group.Key);

    public static string ErrorResponseName(int status) => $"Error{status}";

    public static void AddTo(OpenApiDocument document)
    {
        var components = document.Components ??= new OpenApiComponents();
        components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [KeyHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = CrmHttpEndpoint.ApiKeyHeader,
                Description = $"The API key in the `{CrmHttpEndpoint.ApiKeyHeader}` header (recommended: it stays out of URLs and logs). "
                    + $"With the shared key, name the user in `{CrmHttpEndpoint.UserHeader}` (or `userName`); a named key acts as its own user.",
            },
            [KeyQuery] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "apiKey",
                Description = "The API key in the `apiKey` parameter (query string or form body), the original product's way; the header wins when both are given.",
            },
        };
        components.Schemas = new Dictionary<string, IOpenApiSchema>
        {
            [Error] = ErrorSchema(),
            [Entry] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "An entry: `id`, `name` (its title) and every field code of its table, all strings.",
                Required = new HashSet<string> { "id", "name" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["id"] = Text("The entry's id."),
                    ["name"] = Text("The entry's title."),
                },
                AdditionalProperties = Text("A field value by field code."),
            },
        };
        components.Responses = ErrorStatuses().ToDictionary(
            group => ErrorResponseName(group.Key),
            group => (IOpenApiResponse)new OpenApiResponse
            {
                Description = "Refused: " + string.Join(", ", group.Select(code => $"`{code.Wire()}`")) + ". Nothing was written.",
                Content = Json(new OpenApiSchemaReference(Error, document)),
            });
    }

    public static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    public static Dictionary<string, OpenApiMediaType> Json(IOpenApiSchema schema) =>
        new() { ["application/json"] = new OpenApiMediaType { Schema = schema } };

    private static OpenApiSchema ErrorSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Every refused call: `success` false, a sentence for a person, a stable code (docs/api.md#answers-and-errors).",
        Required = new HashSet<string> { "success", "details", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Enum = [JsonValue.Create(false)] },
            ["details"] = Text("What went wrong, for a person (at most 2,000 characters)."),
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable code: " + string.Join("; ", ErrorStatuses().Select(g => $"{g.Key}: " + string.Join(", ", g.Select(c => c.Wire())))) + ".",
                Enum = [.. Enum.GetValues<ErrorCode>().Select(code => (JsonNode)JsonValue.Create(code.Wire())!)],
            },
            ["existingId"] = Text("For `duplicate`: the id of the entry holding the value."),
        },
    };
}
