using System.Text.Json.Nodes;
using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Crm.Core.Entries.Paging;
using Crm.Core.Idempotency;
using Microsoft.OpenApi;

namespace Crm.Core.Discovery;

/// <summary>The GET and POST operations of one command, from its <see cref="CommandDoc"/>.</summary>
internal sealed class CommandOperations(OpenApiDocument document)
{
    private const int MaxLimit = PageRequest.MaxLimit;

    private const string FieldForms =
        "Field values, in any of the three forms of docs/api.md#naming-fields: `clients-<code>=<value>` (the prefix is "
        + "`clients-` for every table), `crm_param_N=<code or name>` with `crm_param_N_value=<value>` (N = 1, 2, …), and "
        + "`view-clients-<code>=<label>` (a dictionary or reference label; the plain form wins). An unknown field is a `bad_request`.";

    public OpenApiOperation Get(CrmCommand command)
    {
        var parameters = Headers(command);
        parameters.AddRange(Fields(command).Select(field => (IOpenApiParameter)new OpenApiParameter
        {
            Name = field.Name,
            In = ParameterLocation.Query,
            Required = field.Required,
            Description = field.Description,
            Schema = field.Schema,
        }));
        if (command.Doc.TakesFields)
        {
            parameters.Add(new OpenApiParameter
            {
                Name = "fields",
                In = ParameterLocation.Query,
                Description = FieldForms + " Each is its own query parameter (this object is spread, not sent as `fields`).",
                Style = ParameterStyle.Form,
                Explode = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = OpenApiShared.Text("A field value.") },
            });
        }
        return Operation(command, command.Name, parameters, body: null);
    }

    public OpenApiOperation Post(CrmCommand command)
    {
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = Fields(command).Append(new("apiKey", "The API key (or the `X-Api-Key` header).", false, OpenApiShared.Text("The API key.")))
                .ToDictionary(f => f.Name, f => f.Schema),
            Required = Fields(command).Where(f => f.Required).Select(f => f.Name).ToHashSet(),
            AdditionalProperties = command.Doc.TakesFields ? OpenApiShared.Text(FieldForms) : null,
            AdditionalPropertiesAllowed = command.Doc.TakesFields,
        };
        var body = new OpenApiRequestBody
        {
            Required = true,
            Description = "The parameters as an `application/x-www-form-urlencoded` body (the query string may carry some too).",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = form } },
        };
        return Operation(command, command.Name + "Post", Headers(command), body);
    }

    public static OpenApiSchema True() => new() { Type = JsonSchemaType.Boolean, Enum = [JsonValue.Create(true)] };

    public static OpenApiResponses Responses(OpenApiDocument document, OpenApiResponse success)
    {
        var responses = new OpenApiResponses { ["200"] = success };
        foreach (var status in OpenApiShared.ErrorStatuses())
        {
            responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new OpenApiResponseReference(OpenApiShared.ErrorResponseName(status.Key), document);
        }
        return responses;
    }

    private OpenApiOperation Operation(CrmCommand command, string id, List<IOpenApiParameter> parameters, OpenApiRequestBody? body) => new()
    {
        OperationId = id,
        // The name, so the reference page lists commands as integrations call them; the description starts with what it does.
        Summary = command.Name,
        Description = Description(command),
        Tags = new HashSet<OpenApiTagReference> { new(command.Feature, document) },
        Parameters = parameters,
        RequestBody = body,
        Responses = Responses(document, Success(command)),
    };

    private static string Description(CrmCommand command)
    {
        var doc = command.Doc;
        var lines = new List<string> { doc.Summary, $"Right: {Quoted(command.RightDescription)}.", $"Answer: {doc.Answer.Description}" };
        if (doc.TakesFields)
        {
            lines.Add(FieldForms);
        }
        if (doc.Paged)
        {
            lines.Add($"Paging: with `limit` (1–{MaxLimit:N0}) the answer holds at most that many entries and a `nextCursor` while more follow; "
                + "pass it as `cursor` to read on. Without `limit`, the whole list.");
        }
        if (doc.IfMatch)
        {
            lines.Add("Concurrency: `If-Match` (or `ifMatch`) with the `ETag` an answer gave; a stale one is `412 precondition_failed` and nothing is written.");
        }
        if (command.Writes)
        {
            lines.Add($"A repeat with the same `{IdempotentCalls.Header}` and parameters answers the first answer again.");
        }
        return string.Join("\n\n", lines);
    }

    private static string Quoted(string right) => right.Contains('`', StringComparison.Ordinal) ? right : $"`{right}`";

    /// <summary>The query or form parameters: the command's own, then those the endpoint reads for every call of its kind.</summary>
    private static IEnumerable<Field> Fields(CrmCommand command)
    {
        foreach (var parameter in command.Doc.Parameters)
        {
            yield return Field.Text(parameter.Name, parameter.Description, parameter.Required);
        }
        yield return Field.Text("userName", $"The user the shared key acts as (or the `{CrmHttpEndpoint.UserHeader}` header).");
        if (command.Doc.Paged)
        {
            const string limit = "At most this many entries; the answer then has `nextCursor` while more follow.";
            yield return new(PageRequest.LimitParameter, limit, false, new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Description = limit,
                Minimum = "1",
                Maximum = MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            yield return Field.Text(PageRequest.CursorParameter, "The `nextCursor` of the previous page (same command, table and criteria; with `limit`).");
        }
        if (command.Doc.IfMatch)
        {
            yield return Field.Text(IfMatchHeader.Parameter, "The `ETag` of the version being changed, for clients that cannot send `If-Match`.");
        }
        if (command.Writes)
        {
            yield return Field.Text(IdempotentCalls.Parameter, $"As the `{IdempotentCalls.Header}` header.");
        }
    }

    private sealed record Field(string Name, string Description, bool Required, IOpenApiSchema Schema)
    {
        public static Field Text(string name, string description, bool required = false) => new(name, description, required, OpenApiShared.Text(description));
    }

    private static List<IOpenApiParameter> Headers(CrmCommand command)
    {
        var headers = new List<IOpenApiParameter> { Header(CrmHttpEndpoint.UserHeader, "The user the shared key acts as (or `userName`).") };
        if (command.Doc.IfMatch)
        {
            headers.Add(Header("If-Match", "The `ETag` of the version being changed; stale: `412 precondition_failed`, nothing written."));
        }
        if (command.Writes)
        {
            headers.Add(Header(IdempotentCalls.Header, "A key unique to this change: a repeat with the same parameters answers the first answer (kept ≥ 24 h)."));
        }
        return headers;
    }

    private static OpenApiParameter Header(string name, string description) =>
        new() { Name = name, In = ParameterLocation.Header, Description = description, Schema = OpenApiShared.Text(description) };

    private OpenApiResponse Success(CrmCommand command)
    {
        var answer = command.Doc.Answer;
        var properties = new Dictionary<string, IOpenApiSchema> { ["success"] = True() };
        foreach (var property in answer.Properties)
        {
            properties[property.Name] = Schema(property);
        }
        if (command.Doc.Paged)
        {
            properties["nextCursor"] = OpenApiShared.Text("Present while more entries follow (only with `limit`): the next page's `cursor`.");
        }
        var response = new OpenApiResponse
        {
            Description = answer.Description,
            Content = OpenApiShared.Json(new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "success" },
                Properties = properties,
                AdditionalProperties = answer.FlatEntry ? OpenApiShared.Text("A field value by field code.") : null,
            }),
        };
        if (command.Doc.SendsETag)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = new OpenApiHeader { Description = "The entry's current version, for `If-Match`.", Schema = OpenApiShared.Text("") },
            };
        }
        return response;
    }

    private OpenApiSchema Schema(AnswerProperty property) => property.Kind switch
    {
        AnswerKind.Flag => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = property.Description },
        AnswerKind.Entries => new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = property.Description,
            Items = new OpenApiSchemaReference(OpenApiShared.Entry, document),
        },
        AnswerKind.Texts => new OpenApiSchema { Type = JsonSchemaType.Array, Description = property.Description, Items = OpenApiShared.Text("") },
        AnswerKind.Objects => new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = property.Description,
            Items = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema() },
        },
        _ => OpenApiShared.Text(property.Description),
    };
}
