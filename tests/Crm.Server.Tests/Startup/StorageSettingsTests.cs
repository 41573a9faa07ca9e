using Crm.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Crm.Server.Tests.Startup;

/// <summary>A host whose storage settings cannot work stops at start, with one sentence naming the settings.</summary>
public sealed class StorageSettingsTests
{
    private static WebApplication Server(IDictionary<string, string?> settings) =>
        CrmServerApp.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                ["Crm:ApiKeys:Local:0"] = "a-key-that-is-never-used",
                ["Crm:Sync:Schedule"] = "",
                ["Logging:LogLevel:Default"] = "None",
            });
        });

    [Fact]
    public async Task Neither_a_connection_string_nor_an_endpoint_stops_the_host_at_start()
    {
        await using var app = Server(new Dictionary<string, string?>());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(
            "Neither Crm:Storage:ConnectionString (a storage connection string, e.g. Azurite's) nor Crm:Storage:TableEndpoint " +
            "(the table service URI, used with the managed identity) is set; set one of them.",
            failure.Message);
    }

    [Theory]
    [InlineData("Crm:Storage:TablePrefix", "crm-test", "Crm:Storage:TablePrefix 'crm-test' may hold only letters and digits (it starts Azure table names).")]
    [InlineData("Crm:Storage:TableEndpoint", "crm.table.core.windows.net", "Crm:Storage:TableEndpoint 'crm.table.core.windows.net' is not an absolute URI such as https://<account>.table.core.windows.net/.")]
    public async Task A_malformed_storage_setting_stops_the_host_at_start_naming_it(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Crm:Storage:TableEndpoint"] = "https://crm.table.core.windows.net/", [setting] = value };
        await using var app = Server(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(message, failure.Message);
    }
}
