using Xunit;

namespace Crm.TestSupport;

/// <summary>One server (and one set of tables) per test class.</summary>
public sealed class CrmTestServerFixture : IAsyncLifetime
{
    private CrmTestServer? _server;

    public CrmTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _server = new CrmTestServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
