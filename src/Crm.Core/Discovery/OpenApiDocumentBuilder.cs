using System.Text.Json.Nodes;
using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Microsoft.OpenApi;

namespace Crm.Core.Discovery;

/// <summary>
/// Builds <c>GET /openapi.json</c> from the command catalog alone: one path per command
/// (<c>/plugins/servlet/crm/api/&lt;command&gt;</c>, GET with a query string and POST with a form body), its
/// parameters, right and answer from <see cref="CrmCommand.Doc"/>, the error answers from the error codes, and the
/// original <c>?command=</c> path. A command cannot be left out: it has no other place to be declared.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string Title = "CRM command API";

    public static OpenApiDocument Build(IEnumerable<CrmCommand> commands, string serverUrl)
    {
        var list = commands.ToList();
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = Title,
                Version = "2",
                Description = "The command API of the CRM, compatible with \"CRM for Jira\": every command answers at "
                    + $"`{CrmHttpEndpoint.Route}/<command>` and at `{CrmHttpEndpoint.Route}?command=<command>`, as GET (query string) or "
                    + "POST (form body). Answers are JSON objects whose first property is `success`. The full contract is docs/api.md in the repository.",
            },
            Servers = [new OpenApiServer { Url = serverUrl.TrimEnd('/'), Description = "This server." }],
            Paths = [],
            Tags = new HashSet<OpenApiTag>(),
        };
        OpenApiShared.AddTo(document);
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiShared.KeyHeader, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiShared.KeyQuery, document)] = [] },
        ];
        foreach (var feature in list.Select(c => c.Feature).Distinct())
        {
            document.Tags.Add(new OpenApiTag { Name = feature, Description = $"The {feature.ToLowerInvariant()} commands." });
        }
        var operations = new CommandOperations(document);
        foreach (var command in list)
        {
            document.Paths[$"{CrmHttpEndpoint.Route}/{command.Name}"] = new OpenApiPathItem
            {
                Operations = new()
                {
                    [HttpMethod.Get] = operations.Get(command),
                    [HttpMethod.Post] = operations.Post(command),
                },
            };
        }
        document.Paths[CrmHttpEndpoint.Route] = ByParameter(document, list);
        return document;
    }

    public static Task<string> ToJsonAsync(OpenApiDocument document, CancellationToken cancellationToken) =>
        document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0, cancellationToken);

    /// <summary>The original way: one path, the command as a parameter; the answer is that command's.</summary>
    private static OpenApiPathItem ByParameter(OpenApiDocument document, IReadOnlyList<CrmCommand> commands)
    {
        var names = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The command (matched case-insensitively).",
            Enum = [.. commands.Select(c => (JsonNode)JsonValue.Create(c.Name)!)],
        };
        OpenApiOperation Operation(string id, bool post) => new()
        {
            OperationId = id,
            Summary = "Any command, named by the `command` parameter",
            Description = "The original product's form of every call; the parameters and answer are those of the command's own path.",
            Tags = new HashSet<OpenApiTagReference>(),
            Parameters = post ? [] : [new OpenApiParameter { Name = "command", In = ParameterLocation.Query, Required = true, Schema = names }],
            RequestBody = post
                ? new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/x-www-form-urlencoded"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "command" },
                                Properties = new Dictionary<string, IOpenApiSchema> { ["command"] = names },
                                AdditionalProperties = OpenApiShared.Text("The command's parameters."),
                            },
                        },
                    },
                }
                : null,
            Responses = CommandOperations.Responses(document, new OpenApiResponse
            {
                Description = "The command's answer.",
                Content = OpenApiShared.Json(new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "success" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["success"] = CommandOperations.True() },
                    AdditionalProperties = new OpenApiSchema(),
                }),
            }),
        };
        return new OpenApiPathItem
        {
            Operations = new()
            {
                [HttpMethod.Get] = Operation("command", post: false),
                [HttpMethod.Post] = Operation("commandPost", post: true),
            },
        };
    }
}
