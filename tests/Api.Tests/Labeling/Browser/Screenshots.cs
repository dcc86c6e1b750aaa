using OpenQA.Selenium;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>
/// Saves a screenshot of each step, as PNG, into $INSTRUCTGPT_SCREENSHOTS when it is set (to look at them), else into
/// the fixture's temporary directory.
/// </summary>
public sealed class Screenshots(string fallbackDirectory)
{
    public const string Variable = "INSTRUCTGPT_SCREENSHOTS";

    private int count;

    public string Directory { get; } = System.IO.Directory.CreateDirectory(
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : fallbackDirectory).FullName;

    /// <summary>Saves what <paramref name="driver"/> shows as "NN-name.png"; returns the file's path.</summary>
    public string Save(IWebDriver driver, string name)
    {
        var file = Path.Combine(Directory, $"{Interlocked.Increment(ref count):00}-{name}.png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(file);
        return file;
    }

    /// <summary>The whole page, not just the window: the window is made as tall as the document for the shot.</summary>
    public string SaveFullPage(IWebDriver driver, string name, int width = 1280)
    {
        var window = driver.Manage().Window;
        var before = window.Size;
        ((IJavaScriptExecutor)driver).ExecuteScript("window.scrollTo(0, 0);");
        // The window's size includes the browser's own bars: add them to the document's height.
        var height = Convert.ToInt32(((IJavaScriptExecutor)driver).ExecuteScript(
            "return Math.ceil(document.documentElement.scrollHeight + window.outerHeight - window.innerHeight);"));
        window.Size = new System.Drawing.Size(width, Math.Min(Math.Max(height, 600), 8000));
        try
        {
            return Save(driver, name);
        }
        finally
        {
            window.Size = before;
        }
    }
}
