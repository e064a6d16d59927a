namespace Blind51.RailSignalBoxes.Replay;

public sealed record BellCode(DateTime At, string FromBox, string ToBox, string Code);

/// <summary>
/// Command-line tool that replays a day's recorded block-bell codes between signal boxes to
/// check that every "train entering section" was acknowledged. The log is split by box pair
/// and each pair is checked on its own thread. Ctrl+C stops the replay early.
/// </summary>
public static class BlockBellReplayTool
{
    private static volatile bool s_stopRequested;

    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: bellreplay <log.tsv>");
            return 2;
        }

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            s_stopRequested = true;
        };

        var codes = File.ReadLines(args[0])
            .Select(l => l.Split('\t'))
            .Where(c => c.Length == 4)
            .Select(c => new BellCode(DateTime.Parse(c[0]), c[1], c[2], c[3]))
            .ToList();

        var checkers = codes
            .GroupBy(c => string.CompareOrdinal(c.FromBox, c.ToBox) < 0 ? (c.FromBox, c.ToBox) : (c.ToBox, c.FromBox))
            .Select(g => new SectionChecker($"{g.Key.Item1}-{g.Key.Item2}", g.OrderBy(c => c.At).ToList()))
            .ToList();

        var threads = checkers.Select(c => new Thread(c.Run) { Name = c.Section }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        int problems = 0;
        foreach (var checker in checkers)
        {
            foreach (var issue in checker.Issues)
            {
                Console.WriteLine($"{checker.Section}: {issue}");
                problems++;
            }
        }

        Console.WriteLine(s_stopRequested ? "Replay stopped early." : $"Checked {codes.Count} codes, {problems} problem(s).");
        return problems == 0 ? 0 : 1;
    }

    private sealed class SectionChecker
    {
        private readonly IReadOnlyList<BellCode> _codes;

        public SectionChecker(string section, IReadOnlyList<BellCode> codes)
        {
            Section = section;
            _codes = codes;
        }

        public string Section { get; }
        public List<string> Issues { get; } = new();

        public void Run()
        {
            BellCode? awaitingAck = null;
            foreach (var code in _codes)
            {
                if (s_stopRequested) return;

                if (code.Code == "2") // train entering section
                {
                    if (awaitingAck is not null)
                        Issues.Add($"{awaitingAck.At:T} entering section never acknowledged");
                    awaitingAck = code;
                }
                else if (code.Code == "2-ack" && awaitingAck is not null && code.FromBox == awaitingAck.ToBox)
                {
                    awaitingAck = null;
                }
            }

            if (awaitingAck is not null)
                Issues.Add($"{awaitingAck.At:T} still in section at end of log");
        }
    }
}
