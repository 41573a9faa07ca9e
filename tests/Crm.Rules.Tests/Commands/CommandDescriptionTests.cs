using Crm.Core.Commands;
using Crm.Core.Discovery;

namespace Crm.Rules.Tests.Commands;

/// <summary>A command cannot exist without its description: openapi.json and /docs are built from nothing else.</summary>
public sealed class CommandDescriptionTests
{
    private static readonly string[] Features = ["Entries", "Dictionaries", "Access", "Sync", "Schema"];
    private static readonly CommandAnswer Answer = CommandAnswer.Of("The id.", AnswerProperty.Text("id", "The id."));

    public static TheoryData<string, CommandDoc> Undescribed => new()
    {
        { "no summary", new CommandDoc("", Answer) },
        { "blank summary", new CommandDoc("  ", Answer) },
        { "no answer", new CommandDoc("Does something.", null!) },
        { "a bare parameter", new CommandDoc("Does something.", Answer) { Parameters = [new("companyId", "")] } },
        { "a parameter twice", new CommandDoc("Does something.", Answer) { Parameters = [new("login", "The user."), new("login", "Again.")] } },
    };

    [Theory]
    [MemberData(nameof(Undescribed))]
    public void A_command_without_a_full_description_cannot_be_built(string why, CommandDoc doc)
    {
        var failure = Assert.Throws<ArgumentException>(() => CrmCommand.Of<object>("frobnicate", "crm.view", doc, (_, _) => Task.FromResult<CommandResult>(null!)));

        Assert.Contains("frobnicate", failure.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public void A_command_whose_right_depends_on_its_parameters_must_say_which_right()
    {
        var doc = new CommandDoc("Does something.", Answer);

        var failure = Assert.Throws<ArgumentException>(() => CrmCommand.Of<object>("frobnicate", _ => "crm.view", doc, (_, _) => Task.FromResult<CommandResult>(null!)));
        Assert.Contains("right", failure.Message, StringComparison.Ordinal);

        var described = CrmCommand.Of<object>("frobnicate", _ => "crm.view", doc with { Right = "`X.add` or `X.edit`" }, (_, _) => Task.FromResult<CommandResult>(null!));
        Assert.Equal("`X.add` or `X.edit`", described.RightDescription);
    }

    [Fact]
    public void Every_command_of_the_catalog_is_described_with_its_right_and_feature()
    {
        Assert.All(CommandCatalog.All, command =>
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Doc.Summary), command.Name);
            Assert.False(string.IsNullOrWhiteSpace(command.RightDescription), command.Name);
            Assert.Contains(command.Feature, Features);
        });
        Assert.Equal("`<tableName>.add` to create, `<tableName>.edit` to change",
            CommandCatalog.All.Single(c => c.Name == "updateOrCreateEntity").RightDescription);
    }

    [Fact]
    public void The_description_has_one_path_per_command_with_get_and_post()
    {
        var document = OpenApiDocumentBuilder.Build(CommandCatalog.All, "http://127.0.0.1:7071");

        foreach (var command in CommandCatalog.All)
        {
            var path = Assert.Contains($"/plugins/servlet/crm/api/{command.Name}", document.Paths);
            Assert.Equal([HttpMethod.Get, HttpMethod.Post], path.Operations!.Keys.OrderBy(m => m.Method));
        }
        Assert.Equal(CommandCatalog.All.Count + 1, document.Paths.Count);
    }
}
