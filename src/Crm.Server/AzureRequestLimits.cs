using Microsoft.AspNetCore.Http.Features;

namespace Crm.Server;

/// <summary>
/// Azure Functions' own limits, applied locally so a call that works here works on Azure: a URL (path and query)
/// over 4,096 bytes gets 414 and a body over 104,857,600 bytes gets 413, both before the endpoint runs, as the
/// Functions front end does (docs/deploy.md). Long values go in a form POST body.
/// </summary>
public static class AzureRequestLimits
{
    public const int MaxUrlBytes = 4096;
    public const long MaxBodyBytes = 104_857_600;

    /// <summary>Kestrel stops reading a body (also a chunked one, whose length is not declared) at Azure's limit.</summary>
    public static WebApplicationBuilder AddAzureRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }

    public static WebApplication UseAzureRequestLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
            if (target.Length > MaxUrlBytes)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return Task.CompletedTask;
            }
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }
}
