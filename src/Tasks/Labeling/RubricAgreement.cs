namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// How often a noisy labeler's ranking orders a pair of outputs the way its own noise-free rubric does: the pairwise
/// accuracy a perfect reward model (one that learned the rubric exactly) would reach on that labeler's rankings. Pairs
/// the labeler tied are left out, as RM accuracy leaves them out; pairs the rubric scores equally count one half,
/// since nothing learnable orders them. Near 0.5 the rankings carry little signal: the outputs are too alike.
/// </summary>
public static class RubricAgreement
{
    public readonly record struct Count(double Agreeing, int Pairs)
    {
        public double Rate => Pairs == 0 ? double.NaN : Agreeing / Pairs;
        public static Count operator +(Count a, Count b) => new(a.Agreeing + b.Agreeing, a.Pairs + b.Pairs);
    }

    /// <param name="include">Which pairs (i, j) of the ranked outputs count; all of them when null.</param>
    public static Count Of(LabelerRanking ranking, Func<int, int, bool>? include = null)
    {
        double agreeing = 0;
        var pairs = 0;
        var forms = ranking.Forms;
        for (var i = 0; i < forms.Count; i++)
        {
            for (var j = i + 1; j < forms.Count; j++)
            {
                var (rankI, rankJ) = (ranking.RankOf(i), ranking.RankOf(j));
                if (rankI == rankJ || (include is not null && !include(i, j))) continue;
                pairs++;
                var rubric = forms[i].RubricScore.CompareTo(forms[j].RubricScore);
                if (rubric == 0) agreeing += 0.5;
                else if ((rankI < rankJ) == (rubric > 0)) agreeing += 1;
            }
        }
        return new Count(agreeing, pairs);
    }
}
