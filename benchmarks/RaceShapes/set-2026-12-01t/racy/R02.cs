namespace BowlingAlley.Scoring;

/// <summary>
/// Keeps the rolls for every lane in the house. One instance is shared by the
/// pinsetter listeners (one thread per lane pair) and the front-desk console,
/// which all call into it at the same time.
/// </summary>
public sealed class LaneScoreboard
{
    private readonly Dictionary<int, List<int>> _rollsByLane = new();
    private readonly Dictionary<int, string> _displayText = new();
    private readonly object _rollLock = new();
    private readonly object _displayLock = new();

    public void RecordRoll(int lane, int pinsDown)
    {
        if (pinsDown is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(pinsDown));
        }

        lock (_rollLock)
        {
            if (!_rollsByLane.TryGetValue(lane, out var rolls))
            {
                rolls = new List<int>();
                _rollsByLane[lane] = rolls;
            }
            rolls.Add(pinsDown);
        }
    }

    public int CurrentScore(int lane)
    {
        lock (_rollLock)
        {
            return _rollsByLane.TryGetValue(lane, out var rolls) ? ScoreCalculator.Score(rolls) : 0;
        }
    }

    public void ResetLane(int lane)
    {
        lock (_displayLock)
        {
            _rollsByLane[lane] = new List<int>();
            _displayText[lane] = "READY";
        }
    }

    public void SetDisplay(int lane, string text)
    {
        lock (_displayLock)
        {
            _displayText[lane] = text;
        }
    }
}

public static class ScoreCalculator
{
    public static int Score(IReadOnlyList<int> rolls)
    {
        int score = 0, i = 0;
        for (int frame = 0; frame < 10 && i < rolls.Count; frame++)
        {
            if (rolls[i] == 10)
            {
                score += 10 + At(rolls, i + 1) + At(rolls, i + 2);
                i += 1;
            }
            else if (At(rolls, i) + At(rolls, i + 1) == 10)
            {
                score += 10 + At(rolls, i + 2);
                i += 2;
            }
            else
            {
                score += At(rolls, i) + At(rolls, i + 1);
                i += 2;
            }
        }
        return score;
    }

    private static int At(IReadOnlyList<int> rolls, int index) => index < rolls.Count ? rolls[index] : 0;
}

/// <summary>
/// Listens to the pinsetter serial feed for a pair of lanes.
/// </summary>
public sealed class PinsetterListener
{
    private readonly LaneScoreboard _board;

    public PinsetterListener(LaneScoreboard board) => _board = board;

    public Thread Start(int leftLane, Func<(int Lane, int Pins)?> readFrame)
    {
        var thread = new Thread(() =>
        {
            while (readFrame() is { } frame)
            {
                _board.RecordRoll(frame.Lane, frame.Pins);
            }
        })
        { IsBackground = true, Name = $"pinsetter-{leftLane}" };
        thread.Start();
        return thread;
    }
}
