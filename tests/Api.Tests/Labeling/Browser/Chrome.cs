using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>
/// Debian's chromium driven through Debian's chromedriver (scripts/setup.sh installs both), headless. Both paths are
/// given, so Selenium Manager never runs and nothing is downloaded (the machines have no internet).
/// </summary>
internal static class Chrome
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverName = "chromedriver";

    public static ChromeDriver Start()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(Path.Combine(DriverDirectory, DriverName)))
            throw new Xunit.Sdk.XunitException($"{BrowserPath} or {DriverDirectory}/{DriverName} is missing: run scripts/setup.sh (apt-get install chromium chromium-driver)");
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverName);
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--lang=en-US");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All); // the console, for Content-Security-Policy reports and script errors
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(10);
        return driver;
    }

    /// <summary>
    /// The console messages since the last call that report a script error or something the Content-Security-Policy refused
    /// (an inline script or style the page should not have, or an injected one it blocked).
    /// </summary>
    public static IReadOnlyList<string> ScriptProblems(IWebDriver driver) =>
        driver.Manage().Logs.GetLog(LogType.Browser).Select(e => e.Message)
            .Where(m => m.Contains("Content Security Policy", StringComparison.Ordinal) || m.Contains("Uncaught", StringComparison.Ordinal)).ToList();
}
