using OpenQA.Selenium;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>A labeler signs in by link, rates, flags, ranks by dragging and by keyboard (with a tie), comments and submits; the rows are what was entered.</summary>
[Collection(LabelingBrowserCollection.Name)]
public sealed class LabelingSubmissionTests(LabelingBrowserFixture fixture)
{
    private readonly LabelerPage page = fixture.Page;

    [Fact]
    public async Task WhatIsEnteredInTheBrowserIsExactlyWhatSqliteHolds()
    {
        var (labelerId, _, taskId) = await fixture.SignInNewLabelerAsync("carol");
        Assert.DoesNotContain("token", page.Driver.Url, StringComparison.Ordinal); // taken out of the address bar
        Assert.Matches(@"^Page 1 / \d+$", page.Progress());
        Assert.Equal(["A", "B", "C"], page.OutputLabels());
        fixture.Screenshots.Save(page.Driver, "task-opened");

        // Step 1: Likert scores and flags, including the task-dependent questions where the task asks them.
        page.Rate("A", 6);
        page.Rate("B", 2);
        page.Rate("C", 2);
        page.Flag("B", "fails_to_follow_instruction", "yes");
        page.Flag("B", "harmful_advice", "yes");
        page.Flag("C", "moral_judgment", "yes");
        foreach (var label in new[] { "A", "B", "C" })
        {
            page.Flag(label, "hallucination", label == "C" ? "yes" : "na");
            page.Flag(label, "satisfies_constraints", "na");
        }
        fixture.Screenshots.Save(page.Driver, "rated-and-flagged");

        // Step 2: A dragged to the best slot; B and C tied in slot 2 by keyboard (C via 3, then the up arrow).
        page.DragToSlot("A", 1);
        page.PressOnCard("B", "2");
        page.Until(_ => page.InSlot(2).Contains("B"), "B is in slot 2");
        page.PressOnCard("C", "3");
        page.Until(_ => page.InSlot(3).Contains("C"), "C is in slot 3");
        page.PressOnCard("C", Keys.ArrowUp);
        page.Until(_ => page.InSlot(2).SequenceEqual(["B", "C"]), "B and C are tied in slot 2");
        Assert.Equal(["A"], page.InSlot(1));
        Assert.Equal("C", page.Script<string>("return document.activeElement.dataset.output;")); // the moved card keeps the focus
        fixture.Screenshots.Save(page.Driver, "keyboard-tie");
        page.Comment("A answers; B and C drift.");
        Assert.Empty(page.Missing());
        fixture.Screenshots.Save(page.Driver, "ranked");
        page.Script<object?>("window.scrollTo(0, 0);");
        page.ById("instructions").FindElement(By.TagName("summary")).Click(); // collapsed: the whole task on one screenshot
        Assert.Null(page.ById("instructions").GetAttribute("open"));
        fixture.Screenshots.SaveFullPage(page.Driver, "complete-task-full-page");

        page.Submit();
        page.Until(d => d.FindElement(By.Id("notice")).Text.Contains($"Task {taskId} submitted", StringComparison.Ordinal), "the page confirms the submission");
        var next = page.WaitForTask();
        Assert.NotEqual(taskId, next);
        Assert.StartsWith("Page 2 / ", page.Progress(), StringComparison.Ordinal);
        fixture.Screenshots.Save(page.Driver, "submitted-next-task");

        var stored = new StoredLabels(fixture.Server.DatabasePath);
        var outputs = stored.Outputs(taskId).ToDictionary(o => o.Label);
        var ratings = stored.Ratings(taskId);
        Assert.Equal(["A", "B", "C"], ratings.Select(r => r.Label));
        var expectedLikert = new Dictionary<string, long> { ["A"] = 6, ["B"] = 2, ["C"] = 2 };
        var yes = new Dictionary<string, string[]> { ["A"] = [], ["B"] = ["fails_to_follow_instruction", "harmful_advice"], ["C"] = ["moral_judgment", "hallucination"] };
        foreach (var rating in ratings)
        {
            Assert.Equal(expectedLikert[rating.Label], rating.Likert);
            Assert.Equal(outputs[rating.Label].Model, rating.Model);
            Assert.Equal(outputs[rating.Label].Text, rating.Output);
            Assert.Equal("carol", rating.Labeler);
            Assert.Equal(fixture.MainBatch, rating.BatchId);
            Assert.Equal(taskId, rating.TaskId);
            // Every yes/no question answered, "N/A" left out (it does not apply).
            var flags = rating.Flags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
            Assert.Equal(yes[rating.Label].Order(), flags.Where(f => f.Value).Select(f => f.Key).Order());
            Assert.Equal(rating.Label == "C" ? 9 : 8, flags.Count);
            Assert.False(flags.ContainsKey("satisfies_constraints"));
            // The human judge's twin row carries the same label.
            Assert.Equal(rating.Likert, rating.HumanLikert);
            Assert.Equal("carol", rating.HumanLabeler);
        }

        var comparison = Assert.Single(stored.Comparisons(taskId));
        Assert.Equal(new[] { "A", "B", "C" }.Select(l => outputs[l].Text), comparison.Outputs);
        var expectedSlots = new List<List<string>> { new() { outputs["A"].Text }, new[] { outputs["B"].Text, outputs["C"].Text }.Order(StringComparer.Ordinal).ToList() };
        Assert.Equal(expectedSlots, comparison.Slots().Select(slot => slot.ToList()));
        Assert.Equal(("carol", fixture.MainBatch, (long?)taskId, "A answers; B and C drift."),
            (comparison.Labeler, comparison.BatchId, comparison.TaskId, comparison.Comment));
        var assignment = Assert.Single(stored.Assignments(taskId));
        Assert.Equal((labelerId, "submitted"), (assignment.LabelerId, assignment.Status));
        Assert.True(assignment.Seconds >= 0, $"seconds: {assignment.Seconds}");
    }
}
