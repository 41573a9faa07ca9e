using System.Diagnostics;
using Xunit;

namespace Crm.TestSupport;

/// <summary>
/// A server on an Azurite process of its own, for test classes that build large partitions: Azurite is
/// single-threaded, so on the shared one they would hold up every other class.
/// With <c>CRM_TEST_STORAGE</c> set, the configured storage is used like everywhere else.
/// </summary>
public sealed class DedicatedStorageServerFixture : IAsyncLifetime
{
    private Process? _azurite;
    private CrmTestServer? _server;

    public CrmTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CRM_TEST_STORAGE")))
        {
            var port = Azurite.FreePort();
            _azurite = Azurite.Start(port, location: null);
            settings["Crm:Storage:ConnectionString"] = Azurite.ConnectionStringFor(port);
        }
        _server = new CrmTestServer(settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_azurite is not null)
        {
            Azurite.Stop(_azurite);
            _azurite.Dispose();
        }
    }
}
