using Crm.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions;

/// <summary>What <c>Program.cs</c> does (ASP.NET Core integration, the CRM services), with a hook for tests that runs before <c>AddCrm</c>.</summary>
public static class CrmFunctionsHost
{
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        configure?.Invoke(builder);
        builder.AddCrm();
        return builder.Build();
    }
}
