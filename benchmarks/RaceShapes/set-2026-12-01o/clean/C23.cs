namespace CallCentre.Dashboard.Scoring;

public sealed record AgentShift(string AgentId, int CallsHandled, TimeSpan TalkTime, TimeSpan WrapTime, int Escalations, double SatisfactionAverage);

/// <summary>
/// End-of-day agent performance scores for the team leader dashboard.
/// Scores range from 0 to about 120 and feed the weekly coaching review.
/// </summary>
public sealed class AgentScorecard
{
    private readonly double _targetHandleSeconds;

    public AgentScorecard(TimeSpan targetHandleTime)
    {
        _targetHandleSeconds = targetHandleTime.TotalSeconds;
    }

    public double[] Score(AgentShift[] shifts)
    {
        var scores = new double[shifts.Length];

        Parallel.For(0, shifts.Length, i =>
        {
            var shift = shifts[i];
            if (shift.CallsHandled == 0)
            {
                scores[i] = 0;
                return;
            }

            var averageHandle = (shift.TalkTime + shift.WrapTime).TotalSeconds / shift.CallsHandled;
            var efficiency = Math.Clamp(_targetHandleSeconds / averageHandle, 0, 1.5);
            var escalationRate = (double)shift.Escalations / shift.CallsHandled;
            var satisfaction = shift.SatisfactionAverage / 5.0;

            scores[i] = Math.Round(100 * (0.4 * efficiency + 0.4 * satisfaction + 0.2 * (1 - escalationRate)), 1);
        });

        return scores;
    }

    public IReadOnlyList<(string AgentId, double Score)> Ranked(AgentShift[] shifts)
    {
        var scores = Score(shifts);
        return shifts
            .Select((s, i) => (s.AgentId, scores[i]))
            .OrderByDescending(x => x.Item2)
            .ToList();
    }
}
