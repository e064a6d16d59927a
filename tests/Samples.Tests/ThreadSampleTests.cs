using System.Text.RegularExpressions;

namespace Forklift.Samples.Tests;

/// <summary>Runs the samples that need no worker processes and checks what they print.</summary>
public sealed partial class ThreadSampleTests
{
    [Fact]
    public async Task BankBalance_fixed_versions_always_end_at_zero()
    {
        SampleResult run = await SampleRunner.RunAsync("BankBalance");
        run.AssertSucceeded();

        // The racy version's result is not asserted: losing an update is likely, never guaranteed.
        Assert.Equal(5, run.Lines.Count(l => l.StartsWith("unsynchronized round ", StringComparison.Ordinal)));
        foreach (string version in new[] { "lock", "Interlocked" })
        {
            string[] rounds = run.Lines.Where(l => l.StartsWith(version + " round ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(5, rounds.Length);
            Assert.All(rounds, line => Assert.EndsWith("balance = 0", line));
        }
    }

    [Fact]
    public async Task LockDiscipline_leaky_ledger_stays_locked_and_safe_ledger_recovers()
    {
        SampleResult run = await SampleRunner.RunAsync("LockDiscipline");
        run.AssertSucceeded();

        Assert.Contains(run.Lines, l => l.StartsWith("leaky: still locked after", StringComparison.Ordinal));
        Assert.Contains("safe: total = 15;", run.Output);
        Assert.Equal(2, run.Lines.Count(l => l.EndsWith("threw ArgumentOutOfRangeException while holding the lock", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThreadLocalState_shows_the_thread_static_trap_and_per_thread_and_per_request_state()
    {
        SampleResult run = await SampleRunner.RunAsync("ThreadLocalState");
        run.AssertSucceeded();

        Assert.Contains("main thread: [ThreadStatic] retries = 3, ThreadLocal retries = 3", run.Lines);
        string[] otherThreads = run.Lines.Where(l => ThreadBudgetLine().IsMatch(l)).ToArray();
        Assert.Equal(3, otherThreads.Length);
        Assert.All(otherThreads, l => Assert.Contains("[ThreadStatic] retries = 0 (initializer never ran here), ThreadLocal retries = 3", l));

        // Three threads, one connection each: three distinct connection ids.
        string[] connectionIds = run.Lines.Select(l => ConnectionLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(3, connectionIds.Length);
        Assert.Equal(3, connectionIds.Distinct().Count());
        Assert.Contains("connections opened and closed: 3 for 12 queries on 3 threads", run.Lines);

        foreach (string request in new[] { "request-A", "request-B", "request-C" })
        {
            Assert.Contains(run.Lines, l => l.StartsWith(request + ":", StringComparison.Ordinal) && l.EndsWith($"saw request id '{request}' then '{request}'", StringComparison.Ordinal));
        }

        Assert.Contains("outside any request: request id = '(none)'", run.Lines);
    }

    [Fact]
    public async Task ProducerConsumer_consumes_everything_and_shuts_down_cleanly_with_and_without_cancellation()
    {
        SampleResult run = await SampleRunner.RunAsync("ProducerConsumer");
        run.AssertSucceeded();

        Match[] reports = run.Lines.Select(l => ReportLine().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(2, reports.Length);
        Assert.Equal(("60", "60", "no"), (reports[0].Groups["produced"].Value, reports[0].Groups["consumed"].Value, reports[0].Groups["cancelled"].Value));
        Assert.Equal("yes", reports[1].Groups["cancelled"].Value);
        Assert.Equal(reports[1].Groups["produced"].Value, reports[1].Groups["consumed"].Value);
        Assert.True(int.Parse(reports[1].Groups["produced"].Value) < 3000, "the cancelled run must stop before producing everything");
        Assert.All(reports, r => Assert.InRange(int.Parse(r.Groups["queued"].Value), 1, 4));

        Assert.Equal(2, run.Lines.Count(l => l == "clean shutdown: every produced item was consumed"));
        Assert.Equal(3, run.Lines.Count(l => l.StartsWith("producer ", StringComparison.Ordinal) && l.Contains("cancelled after", StringComparison.Ordinal)));
        Assert.Equal(4, run.Lines.Count(l => l.StartsWith("consumer ", StringComparison.Ordinal) && l.EndsWith("exiting", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"^thread \d: \[ThreadStatic\]")]
    private static partial Regex ThreadBudgetLine();

    [GeneratedRegex(@"^thread \d: 4 queries, last: connection (\d+) ran 'select 4'$")]
    private static partial Regex ConnectionLine();

    [GeneratedRegex(@"^produced (?<produced>\d+), consumed (?<consumed>\d+), most queued at once (?<queued>\d+) \(capacity 4\), cancelled: (?<cancelled>yes|no)$")]
    private static partial Regex ReportLine();
}
