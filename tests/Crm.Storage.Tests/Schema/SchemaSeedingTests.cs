using Crm.Core.Schema;
using Crm.Storage.Schema;

namespace Crm.Storage.Tests.Schema;

public sealed class SchemaSeedingTests
{
    [Fact]
    public async Task Two_instances_seeding_at_once_write_the_default_schema_exactly_once()
    {
        // A few rounds, each on fresh tables, so the race really happens more than once.
        for (var round = 0; round < 4; round++)
        {
            var storage = new StorageTables();
            await storage.InitializeAsync();
            try
            {
                SchemaStore[] instances = [new(storage.Tables), new(storage.NewInstance()), new(storage.NewInstance())];

                var seeded = await Task.WhenAll(instances.Select(s => Task.Run(() => s.SeedAsync(DefaultSchema.Tables, CancellationToken.None))));

                Assert.Single(seeded, s => s);
                var loaded = await instances[0].LoadAsync(CancellationToken.None);
                AssertIsTheDefaultSchema(loaded);
                Assert.False(await instances[1].SeedAsync(DefaultSchema.Tables, CancellationToken.None));
                AssertIsTheDefaultSchema(await instances[2].LoadAsync(CancellationToken.None));
            }
            finally
            {
                await storage.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_seeded_schema_loads_with_its_flags_types_and_assigned_properties()
    {
        var storage = new StorageTables();
        await storage.InitializeAsync();
        try
        {
            var store = new SchemaStore(storage.Tables);
            Assert.True(await store.SeedAsync(DefaultSchema.Tables, CancellationToken.None));

            var clients = (await store.LoadAsync(CancellationToken.None)).Single(t => t.Name == "CLIENTS");

            Assert.Equal("companies", clients.ListKey);
            Assert.Equal("org_name", clients.Title.Code);
            Assert.True(clients.Title.Required && clients.Title.Unique);
            var industry = clients.FindByCode("ORG_INDUSTRY")!;
            Assert.Equal((FieldType.Dictionary, "Industries"), (industry.Type, industry.Dictionary));
            var people = clients.FindByCode("org_people")!;
            Assert.Equal((FieldType.Computed, "CONTACTS", "contact_company"), (people.Type, people.TargetTable, people.ReverseField));
            Assert.Equal(clients.Fields.Count, clients.Fields.Select(f => f.Property).Distinct().Count());
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    private static void AssertIsTheDefaultSchema(IReadOnlyList<TableDefinition> loaded)
    {
        Assert.Equal(DefaultSchema.Tables.Select(t => t.Name), loaded.Select(t => t.Name));
        foreach (var (expected, actual) in DefaultSchema.Tables.Zip(loaded))
        {
            Assert.Equal(expected.ListKey, actual.ListKey);
            Assert.Equal(expected.Fields.Select(f => f.Code), actual.Fields.Select(f => f.Code));
            Assert.Equal(expected.Fields, actual.Fields);
        }
    }
}
