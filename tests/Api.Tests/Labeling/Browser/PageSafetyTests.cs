using System.Net;
using OpenQA.Selenium;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>The page's serving, sign-in and errors, and untrusted model output shown as text.</summary>
[Collection(LabelingBrowserCollection.Name)]
public sealed class PageSafetyTests(LabelingBrowserFixture fixture)
{
    private readonly LabelerPage page = fixture.Page;

    [Fact]
    public async Task ThePageLoadsWithoutACredentialUnderAStrictContentSecurityPolicy()
    {
        using var client = fixture.Server.CreateClient();
        client.BaseAddress = fixture.Server.BaseAddress;
        foreach (var (path, type) in new[] { ("/label", "text/html"), ("/label/label.css", "text/css"), ("/label/label.js", "text/javascript"), ("/label/ranking.js", "text/javascript") })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Api.Labeling.LabelingPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/label/secret.txt")).StatusCode);
        // No inline script or style: the policy would block it, so the page must not need it.
        var html = await client.GetStringAsync("/label");
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);

        Chrome.ScriptProblems(page.Driver);
        page.OpenFresh();
        page.Until(d => d.FindElement(By.Id("signin")).Displayed, "the sign-in form shows");
        Assert.True(page.ById("token").Displayed);
        Assert.Empty(Chrome.ScriptProblems(page.Driver));
        fixture.Screenshots.Save(page.Driver, "sign-in");
    }

    [Fact]
    public async Task AWrongOrRevokedTokenShowsTheServersMessageInTheAlert()
    {
        page.OpenFresh();
        page.Until(d => d.FindElement(By.Id("token")).Displayed, "the sign-in form shows");
        page.ById("token").SendKeys("igpt-lbl-" + new string('0', 48) + Keys.Enter);
        page.Until(d => d.FindElement(By.Id("alert")).Text.StartsWith("401", StringComparison.Ordinal), "the alert shows the 401");
        Assert.True(page.ById("signin").Displayed);
        Assert.Equal("alert", page.ById("alert").GetAttribute("role"));
        fixture.Screenshots.Save(page.Driver, "wrong-token");

        var (id, token) = await fixture.CreateLabelerAsync("ivan");
        var revoked = await fixture.Admin.DeleteAsync($"/v1/labeling/labelers/{id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        page.OpenFresh($"#token={token}");
        page.Until(d => d.FindElement(By.Id("alert")).Text.Contains("labeler_token_revoked", StringComparison.Ordinal), "the alert names the revoked token");
        Assert.True(page.ById("signin").Displayed);
        Assert.Null(page.Script<object?>("return localStorage.getItem('instructgpt.label.token');"));
        fixture.Screenshots.Save(page.Driver, "revoked-token");
    }

    [Fact]
    public async Task ScriptTagsHtmlAndALongLineInAnOutputShowAsTextAndNothingRuns()
    {
        // The batch was sampled normally; this labeler's task gets its output B rewritten in SQLite before the page opens it.
        var (_, token) = await fixture.CreateLabelerAsync("judy");
        var taskId = (await fixture.NextAsync(token)).GetProperty("task").GetProperty("id").GetInt64();
        var longLine = string.Concat(Enumerable.Repeat("0123456789", 500));
        const string Hostile = "<script>window.__pwned=1</script> and <img src=x onerror=\"window.__pwned=2\"> <b>bold?</b>";
        new StoredLabels(fixture.Server.DatabasePath).ReplaceOutput(taskId, "B", Hostile + "\n" + longLine);

        Chrome.ScriptProblems(page.Driver); // start with an empty console
        page.OpenFresh($"#token={token}");
        Assert.Equal(taskId, page.WaitForTask());
        var text = page.OutputText("B");
        Assert.Contains("<script>window.__pwned=1</script>", text, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=\"window.__pwned=2\">", text, StringComparison.Ordinal);
        Assert.Contains("<b>bold?</b>", text, StringComparison.Ordinal);
        Assert.Empty(page.Driver.FindElements(By.CssSelector("#outputs script, #outputs img, #outputs b, #ranking img")));
        await Task.Delay(300); // an image error handler would have run by now
        Assert.Equal("undefined", page.Script<string>("return typeof window.__pwned;"));
        Assert.Empty(Chrome.ScriptProblems(page.Driver)); // nothing was even tried: the text never became HTML
        // The 5,000-character line wraps inside its card: nothing is wider than the window.
        Assert.True(page.Script<bool>("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"), "the page overflows horizontally");
        page.Driver.Manage().Window.Size = new System.Drawing.Size(420, 900);
        try
        {
            Assert.True(page.Script<bool>("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"), "the page overflows horizontally at 420 px");
            page.Script<object?>("document.getElementById('output-B').scrollIntoView();");
            fixture.Screenshots.Save(page.Driver, "untrusted-output-narrow");
            page.Script<object?>("document.getElementById('ranking').scrollIntoView();");
            fixture.Screenshots.Save(page.Driver, "ranking-narrow");
        }
        finally
        {
            page.Driver.Manage().Window.Size = new System.Drawing.Size(1280, 900);
        }
        page.Script<object?>("document.getElementById('output-B').scrollIntoView();");
        fixture.Screenshots.Save(page.Driver, "untrusted-output");
    }

    [Fact]
    public void TheApiKeyShowsTheBatchesAndTheirAgreement()
    {
        page.OpenFresh($"#token={Fixtures.ApiFactory.ApiKey}");
        page.Until(d => d.FindElements(By.CssSelector($"#batches tr[data-batch='{fixture.AgreementBatch}']")).Count == 1, "the batches are listed");
        Assert.Single(page.Driver.FindElements(By.CssSelector($"#batches tr[data-batch='{fixture.MainBatch}']")));
        var row = page.Driver.FindElement(By.CssSelector($"#batches tr[data-batch='{fixture.AgreementBatch}']"));
        Assert.Contains("completed", row.Text, StringComparison.Ordinal);
        row.FindElement(By.CssSelector("button.agreement-button")).Click();
        page.Until(d => d.FindElement(By.Id("agreement")).Displayed, "the agreement shows");
        // ann ranked A > B > C and ben A > C > B: of the three pairs they agree on (A, B) and (A, C).
        Assert.StartsWith("Overall 66.7%: 2 of 3 output pairs agree, over 1 task ranked", page.ById("agreement-overall").Text, StringComparison.Ordinal);
        var pair = page.Driver.FindElement(By.CssSelector("#agreement-pairs tbody tr")).Text;
        Assert.Contains("ann · ben", pair, StringComparison.Ordinal);
        Assert.Contains("66.7%", pair, StringComparison.Ordinal);
        var reference = page.Driver.FindElements(By.CssSelector("#agreement-reference tbody tr")).Select(r => r.Text).ToList();
        Assert.Contains(reference, r => r.StartsWith("ann", StringComparison.Ordinal));
        Assert.Contains(reference, r => r.StartsWith("ben", StringComparison.Ordinal));
        fixture.Screenshots.SaveFullPage(page.Driver, "admin-agreement");
    }
}
