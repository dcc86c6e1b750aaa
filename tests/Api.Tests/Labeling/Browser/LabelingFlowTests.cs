using OpenQA.Selenium;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>Skip, one task per labeler at overlap 1, no submission of an incomplete task, and a draft that survives a reload.</summary>
[Collection(LabelingBrowserCollection.Name)]
public sealed class LabelingFlowTests(LabelingBrowserFixture fixture)
{
    private readonly LabelerPage page = fixture.Page;

    [Fact]
    public async Task SkipGivesTheNextTaskAndWritesNoLabels()
    {
        var (labelerId, _, skipped) = await fixture.SignInNewLabelerAsync("dave");
        page.Rate("A", 5); // answered but skipped: nothing of it may be stored
        page.Skip();
        page.Until(d => d.FindElement(By.Id("notice")).Text.Contains($"Task {skipped} skipped", StringComparison.Ordinal), "the page confirms the skip");
        Assert.NotEqual(skipped, page.WaitForTask());
        Assert.StartsWith("Page 2 / ", page.Progress(), StringComparison.Ordinal);
        fixture.Screenshots.Save(page.Driver, "skipped");

        var stored = new StoredLabels(fixture.Server.DatabasePath);
        Assert.Empty(stored.Ratings(skipped));
        Assert.Empty(stored.Comparisons(skipped));
        Assert.Equal((labelerId, "skipped"), stored.Assignments(skipped).Select(a => (a.LabelerId, a.Status)).Single());
    }

    [Fact]
    public async Task ASecondLabelerGetsADifferentTask()
    {
        var (_, first) = await fixture.CreateLabelerAsync("erin");
        var (_, second) = await fixture.CreateLabelerAsync("frank");
        var erins = fixture.SignIn(first);
        var franks = fixture.SignIn(second);
        Assert.NotEqual(erins, franks);
        Assert.Contains("Signed in as frank", page.ById("who").Text, StringComparison.Ordinal);
        fixture.Screenshots.Save(page.Driver, "second-labeler");
    }

    [Fact]
    public async Task AnIncompleteTaskCannotBeSubmittedAndThePageSaysWhatIsMissing()
    {
        var (_, _, taskId) = await fixture.SignInNewLabelerAsync("gina");
        page.Rate("A", 4);
        page.DragToSlot("A", 1);
        page.Submit();
        page.Until(d => d.FindElement(By.Id("missing-box")).GetAttribute("class")!.Contains("emphasise", StringComparison.Ordinal), "the missing list is emphasised");
        var missing = page.Missing();
        Assert.Contains("Output B has no Likert score", missing);
        Assert.Contains("Output C has no Likert score", missing);
        Assert.Contains("Output B is not ranked", missing);
        Assert.Contains("Output C is not ranked", missing);
        Assert.DoesNotContain(missing, m => m.StartsWith("Output A has", StringComparison.Ordinal) || m == "Output A is not ranked");
        Assert.Contains("not complete", page.Alert(), StringComparison.Ordinal);
        fixture.Screenshots.Save(page.Driver, "incomplete-refused");

        // Nothing was sent: the task is still this labeler's open one and nothing is stored for it.
        Assert.Equal(taskId, long.Parse(page.ById("task").GetAttribute("data-task-id")!, System.Globalization.CultureInfo.InvariantCulture));
        var stored = new StoredLabels(fixture.Server.DatabasePath);
        Assert.Empty(stored.Ratings(taskId));
        Assert.Equal("assigned", stored.Assignments(taskId).Single().Status);
    }

    [Fact]
    public async Task AConflictFromTheServerShowsItsMessageAndKeepsTheDraft()
    {
        var (_, token, taskId) = await fixture.SignInNewLabelerAsync("kim");
        page.Complete();
        // The same labeler skips the task elsewhere (another tab, over REST) before this page submits it: 409 task_not_assigned.
        using (var other = fixture.Labeler(token))
            Assert.Equal(System.Net.HttpStatusCode.OK, (await other.PostAsync($"/v1/labeling/tasks/{taskId}/skip", Fixtures.Json.Body(new { }))).StatusCode);
        page.Submit();
        page.Until(d => d.FindElement(By.Id("alert")).Text.StartsWith("409 task_not_assigned: ", StringComparison.Ordinal), "the alert shows the 409");
        Assert.Equal(taskId, long.Parse(page.ById("task").GetAttribute("data-task-id")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(new StoredLabels(fixture.Server.DatabasePath).Ratings(taskId));
        page.Script<object?>("window.scrollTo(0, 0);");
        fixture.Screenshots.Save(page.Driver, "conflict-409");
    }

    [Fact]
    public async Task AReloadRestoresTheDraftAndTheServerGivesTheSameTask()
    {
        var (_, _, taskId) = await fixture.SignInNewLabelerAsync("hank");
        page.Rate("B", 7);
        page.Flag("B", "violent_content", "yes");
        page.DragToSlot("B", 1);
        page.RankCard("A").Click(); // tap the card, then the slot (as on a touch screen)
        page.Driver.FindElement(By.CssSelector(".rank-slot[data-rank='2'] .slot-name")).Click();
        page.Until(_ => page.InSlot(2).SequenceEqual(["A"]), "A is in slot 2");
        page.Comment("half done");
        page.Until(_ => page.ById("timer").Text != "00:00", "the timer ticks");
        var elapsed = page.ById("timer").Text;
        page.Script<object?>("document.getElementById('ranking').scrollIntoView();");
        fixture.Screenshots.Save(page.Driver, "draft-before-reload");

        page.Driver.Navigate().Refresh();
        Assert.Equal(taskId, page.WaitForTask());
        Assert.True(page.Driver.FindElement(By.CssSelector("input[name='likert-B'][value='7']")).Selected);
        Assert.True(page.Driver.FindElement(By.CssSelector("input[name='flag-B-violent_content'][value='yes']")).Selected);
        Assert.Equal(["B"], page.InSlot(1));
        Assert.Equal(["A"], page.InSlot(2));
        Assert.Equal("half done", page.ById("comment").GetAttribute("value"));
        Assert.True(string.CompareOrdinal(page.ById("timer").Text, elapsed) >= 0, $"the timer restarted: {page.ById("timer").Text} < {elapsed}");
        page.Script<object?>("document.getElementById('ranking').scrollIntoView();");
        fixture.Screenshots.Save(page.Driver, "draft-after-reload");
    }
}
