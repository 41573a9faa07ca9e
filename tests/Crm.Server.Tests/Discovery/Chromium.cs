using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// Debian's headless Chromium driven through its chromedriver (WebDriver, via Selenium): typing a key and clicking
/// "Send" in a page needs a driver; the DevTools protocol by hand would be more code for the same. test.sh installs both
/// packages; without them the browser tests are skipped, saying so.
/// </summary>
internal sealed class Chromium : IDisposable
{
    private static readonly string? Browser = Find("chromium", "chromium-browser", "google-chrome");
    private static readonly string? Driver = Find("chromedriver");
    private readonly string _profile = Directory.CreateTempSubdirectory("crm-chromium-").FullName;

    public static string? Missing => Browser is null || Driver is null
        ? "Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver; ./test.sh installs them)."
        : null;

    public ChromeDriver Page { get; }

    public Chromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver)!);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        Page = new ChromeDriver(service, options, TimeSpan.FromMinutes(1));
    }

    public T Run<T>(string script, params object[] arguments) => (T)Page.ExecuteScript(script, arguments)!;

    /// <summary>Polls the page until <paramref name="done"/> holds; the bound is a safety net against a page that never gets there, not a timing assertion.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (done())
                {
                    return true;
                }
            }
            catch (WebDriverException)
            {
                // The page is still being built (a stale element); look again.
            }
            await Task.Delay(250);
        }
        return false;
    }

    public void Dispose()
    {
        Page.Quit();
        Page.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private static string? Find(params string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
}

/// <summary>A test that needs Chromium: skipped, with the reason, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = Chromium.Missing;
    }
}
