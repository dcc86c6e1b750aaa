using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>What a labeler does on /label, in WebDriver calls: sign in by link, rate, flag, rank, comment, submit, skip.</summary>
public sealed class LabelerPage(IWebDriver driver, Uri baseAddress)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public IWebDriver Driver => driver;

    private IJavaScriptExecutor Js => (IJavaScriptExecutor)driver;

    /// <summary>Opens /label with a clean localStorage (no credential, no draft), then follows <paramref name="link"/> (say "#token=…").</summary>
    public void OpenFresh(string link = "")
    {
        driver.Navigate().GoToUrl(new Uri(baseAddress, "/label"));
        Js.ExecuteScript("localStorage.clear();");
        Open(link);
    }

    /// <summary>Opens /label<paramref name="link"/> keeping localStorage (a reload, as a labeler would).</summary>
    public void Open(string link = "")
    {
        // Through a blank page: from /label, going to /label#token=… would only change the fragment, not load the page again.
        driver.Navigate().GoToUrl("about:blank");
        driver.Navigate().GoToUrl(new Uri(baseAddress, "/label" + link));
    }

    public IWebElement ById(string id) => driver.FindElement(By.Id(id));

    public T Until<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(driver, Timeout) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    /// <summary>Waits for a task to show; returns its id.</summary>
    public long WaitForTask()
    {
        Until(d => d.FindElement(By.Id("task")).Displayed && d.FindElements(By.CssSelector("#outputs .output-card")).Count > 0, "a task shows");
        return long.Parse(ById("task").GetAttribute("data-task-id")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string> OutputLabels() =>
        driver.FindElements(By.CssSelector("#outputs .output-card")).Select(e => e.GetAttribute("data-output")!).ToList();

    public string OutputText(string label) => driver.FindElement(By.CssSelector($"#output-{label} .output-text")).Text;

    /// <summary>Clicks the label of an answer (the radio itself is visually hidden under it, as for a mouse user).</summary>
    private void Choose(string name, string value)
    {
        var input = driver.FindElement(By.CssSelector($"input[name='{name}'][value='{value}']"));
        var label = input.FindElement(By.XPath(".."));
        Js.ExecuteScript("arguments[0].scrollIntoView({block: 'center'});", label);
        label.Click();
        Until(_ => input.Selected, $"{name} = {value} is selected");
    }

    public void Rate(string label, int likert) => Choose($"likert-{label}", likert.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Answers a metadata question: "yes", "no" or "na".</summary>
    public void Flag(string label, string flag, string answer) => Choose($"flag-{label}-{flag}", answer);

    public IWebElement RankCard(string label) => driver.FindElement(By.CssSelector($".rank-card[data-output='{label}']"));

    /// <summary>The outputs in rank slot <paramref name="rank"/> (1 = best).</summary>
    public IReadOnlyList<string> InSlot(int rank) =>
        driver.FindElements(By.CssSelector($".rank-slot[data-rank='{rank}'] .rank-card")).Select(e => e.GetAttribute("data-output")!).Order().ToList();

    /// <summary>
    /// Drags output <paramref name="label"/>'s card into rank slot <paramref name="rank"/>. Chrome does not run HTML5 drag and
    /// drop for WebDriver's pointer actions (Actions.DragAndDrop moves the pointer, but no dragstart/drop events fire), so this
    /// dispatches the events a real drag fires (dragstart on the card, dragover and drop on the slot, dragend) with one DataTransfer,
    /// which is what the page's handlers read.
    /// </summary>
    public void DragToSlot(string label, int rank)
    {
        Js.ExecuteScript("""
            const [card, slot] = [arguments[0], arguments[1]];
            const data = new DataTransfer();
            const fire = (target, type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
            fire(card, 'dragstart');
            fire(slot, 'dragenter');
            fire(slot, 'dragover');
            fire(slot, 'drop');
            fire(card, 'dragend');
            """, RankCard(label), driver.FindElement(By.CssSelector($".rank-slot[data-rank='{rank}']")));
        Until(_ => InSlot(rank).Contains(label), $"output {label} is in rank slot {rank}");
    }

    /// <summary>Focuses output <paramref name="label"/>'s card and types <paramref name="keys"/> (a digit puts it into that slot).</summary>
    public void PressOnCard(string label, string keys)
    {
        var card = RankCard(label);
        Js.ExecuteScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", card);
        card.SendKeys(keys);
    }

    /// <summary>Fills in the whole task: every output rated 4 with N/A for the task-dependent questions, ranked A, B, C… in separate slots.</summary>
    public void Complete()
    {
        var labels = OutputLabels();
        for (var i = 0; i < labels.Count; i++)
        {
            Rate(labels[i], 4);
            Flag(labels[i], "hallucination", "na");
            Flag(labels[i], "satisfies_constraints", "na");
            PressOnCard(labels[i], (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Until(_ => Missing().Count == 0, "nothing is missing");
    }

    public void Comment(string text)
    {
        var box = ById("comment");
        box.Clear();
        box.SendKeys(text);
    }

    public void Submit() => Click("submit");

    public void Skip() => Click("skip");

    private void Click(string id)
    {
        var button = ById(id);
        Js.ExecuteScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.Click();
    }

    public IReadOnlyList<string> Missing() => driver.FindElements(By.CssSelector("#missing li")).Select(e => e.Text).ToList();

    public string Alert() => ById("alert").Text;

    public string Progress() => ById("progress").Text;

    public T Script<T>(string script, params object[] args) => (T)Js.ExecuteScript(script, args)!;
}
