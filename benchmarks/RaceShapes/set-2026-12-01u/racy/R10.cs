namespace Cricket.Commentary;

public sealed record Delivery(int Over, int Ball, string Bowler, string Batter, int Runs, bool IsWicket, string? Shot);

/// <summary>Generates the ball-by-ball text for the match centre page.</summary>
public sealed class CommentaryGenerator
{
    private readonly IReadOnlyDictionary<string, string[]> _phrases;

    public CommentaryGenerator(IReadOnlyDictionary<string, string[]> phrases) => _phrases = phrases;

    public IReadOnlyList<string> Render(IEnumerable<Delivery> innings)
    {
        var lines = new List<string>();

        innings
            .AsParallel()
            .WithDegreeOfParallelism(4)
            .ForAll(d =>
            {
                var text = Describe(d);
                lines.Add($"{d.Over}.{d.Ball} {d.Bowler} to {d.Batter}, {text}");
            });

        lines.Sort(CompareBallNumber);
        return lines;
    }

    private string Describe(Delivery d)
    {
        if (d.IsWicket)
            return Pick("wicket", d) + " OUT!";
        return d.Runs switch
        {
            0 => Pick("dot", d),
            4 => Pick("four", d),
            6 => Pick("six", d),
            _ => $"{d.Runs} run{(d.Runs == 1 ? "" : "s")}" + (d.Shot is null ? "" : $", {d.Shot}"),
        };
    }

    private string Pick(string key, Delivery d)
    {
        var options = _phrases.TryGetValue(key, out var arr) && arr.Length > 0 ? arr : new[] { key };
        return options[(d.Over * 6 + d.Ball) % options.Length];
    }

    private static int CompareBallNumber(string a, string b)
    {
        static (int, int) Parse(string s)
        {
            var head = s[..s.IndexOf(' ')];
            var parts = head.Split('.');
            return (int.Parse(parts[0]), int.Parse(parts[1]));
        }
        return Parse(a).CompareTo(Parse(b));
    }
}
