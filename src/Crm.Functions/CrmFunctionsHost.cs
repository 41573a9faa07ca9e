using Crm.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions;

/// <summary>The Azure Functions (isolated worker) host: ASP.NET Core integration, the CRM services.</summary>
public static class CrmFunctionsHost
{
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        configure?.Invoke(builder);
        builder.Services.AddCrm(builder.Configuration);
        return builder.Build();
    }
}
