using System.Globalization;
using System.Text.RegularExpressions;

namespace Forklift.Samples.Tests;

/// <summary>Runs the samples whose work runs in worker processes ([Parallel] + WorkerPool) and checks their output.</summary>
public sealed partial class WorkerSampleTests
{
    [Fact]
    public async Task Demo_shows_the_diagnostics_then_spreads_work_over_worker_processes_reports_progress_and_survives_the_crash()
    {
        // A small range keeps the test short; the answer is checked against an independent sieve.
        const int UpTo = 2_000_000;
        SampleResult run = await SampleRunner.RunAsync("Demo", null, "--up-to", UpTo.ToString(), "--chunks", "8", "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Describe());

        // First the analyzer tour: every line marked "// expect: FLxxxx" in the samples' Flagged/ files (the demo
        // embeds them all) is reported as a build reports it, and nothing else is.
        string[] diagnostics = run.Lines.Where(l => l.StartsWith("samples/", StringComparison.Ordinal)).ToArray();
        (string Path, int Line, string Id)[] expected = FlaggedMarkers().ToArray();
        Assert.True(expected.Length >= 8, "The flagged samples lost their markers.");
        foreach ((string path, int line, string id) in expected)
        {
            Assert.Contains(diagnostics, d => d.StartsWith($"{path}({line},", StringComparison.Ordinal) && Regex.IsMatch(d, $@"\): (warning|error) {id}: "));
        }

        Assert.Equal(expected.Length, diagnostics.Length);
        Assert.Contains($"{expected.Length} diagnostics in {expected.Select(e => e.Path).Distinct().Count()} files, analysed in ", run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.IndexOf("diagnostics in", StringComparison.Ordinal) < run.Output.IndexOf("Forklift demo: counting primes", StringComparison.Ordinal), run.Describe());

        int callerPid = int.Parse(DemoTitle().Match(run.Output).Groups[1].Value);
        Assert.Contains($"primes below {UpTo:N0}: {PrimesBelow(UpTo):N0}", run.Lines);

        // Progress reported from inside the workers reached the caller, up to 100%.
        Assert.Contains(run.Lines, l => l.StartsWith("progress: 100% (", StringComparison.Ordinal));

        // Every chunk ran in a worker process, never in the caller, and the work used more than one worker.
        int[] chunkPids = run.Lines.Select(l => ChunkLine().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(8, chunkPids.Length);
        Assert.DoesNotContain(callerPid, chunkPids);
        Assert.True(chunkPids.Distinct().Count() >= 2, run.Describe());

        // The crashing call became a WorkerCrashedException, and everything else completed.
        Assert.Contains(run.Lines, l => l.StartsWith("Forklift.WorkerCrashedException:", StringComparison.Ordinal) && l.Contains("PrimeWork.CrashWorker", StringComparison.Ordinal));
        Assert.Contains("crash: survived (WorkerCrashedException); every other call completed", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("wall time: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_in_a_terminal_draws_a_live_progress_bar_and_a_table()
    {
        const int UpTo = 500_000;
        SampleResult run = await SampleRunner.RunInTerminalAsync("Demo", null, "--up-to", UpTo.ToString(), "--chunks", "4", "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Describe());

        // Spectre.Console drew it: cursor movement for the live bar, then a bordered table.
        Assert.Contains("\u001b[", run.Output, StringComparison.Ordinal);
        string screen = TerminalControl().Replace(run.Output, "");
        Assert.Contains("Primes: 4/4 chunks", screen, StringComparison.Ordinal);
        Assert.Contains("━", screen, StringComparison.Ordinal);
        Assert.Contains("Work by worker process", screen, StringComparison.Ordinal);
        Assert.Contains("What the IDE underlines and the build prints", screen, StringComparison.Ordinal);
        Assert.Matches(@"│ LeakyLedger\.cs\(16,9\)\s*│ FL2001\s*│", screen);
        Assert.Matches(@"│ Worker pid\s*│ Chunks\s*│\s*Primes\s*│\s*Busy ms\s*│", screen);
        Assert.Contains("WorkerCrashedException", screen, StringComparison.Ordinal);
        Assert.Contains($"primes below {UpTo:N0}: {PrimesBelow(UpTo):N0}", screen, StringComparison.Ordinal);

        // The plain-output lines are not used on a terminal.
        Assert.DoesNotContain("progress: 100% (", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongTimeTasks_runs_four_tasks_in_four_workers_and_queues_the_fifth()
    {
        SampleResult run = await SampleRunner.RunAsync("LongTimeTasks");
        run.AssertSucceeded();

        int parentPid = int.Parse(ParentLine().Match(run.Output).Groups[1].Value);
        var rows = run.Lines.Select(l => TaskRow().Match(l)).Where(m => m.Success)
            .Select(m => (Task: int.Parse(m.Groups["task"].Value), Pid: int.Parse(m.Groups["pid"].Value), Started: double.Parse(m.Groups["started"].Value, CultureInfo.InvariantCulture), Finished: double.Parse(m.Groups["finished"].Value, CultureInfo.InvariantCulture)))
            .ToArray();
        Assert.Equal([0, 1, 2, 3, 4], rows.Select(r => r.Task));

        // The first four ran at once in four different worker processes, none of them the parent.
        Assert.Equal(4, rows.Take(4).Select(r => r.Pid).Distinct().Count());
        Assert.DoesNotContain(rows, r => r.Pid == parentPid);

        // The fifth started only after one of the first four had finished, on that freed worker.
        double firstFinish = rows.Take(4).Min(r => r.Finished);
        Assert.True(rows[4].Started >= firstFinish, run.Describe());
        Assert.Contains(rows.Take(4).Where(r => r.Finished <= rows[4].Started), r => r.Pid == rows[4].Pid);
        Assert.Contains(run.Lines, l => l.StartsWith("task 4 was queued: all 4 workers were busy", StringComparison.Ordinal));

        // Every task announced its start from its worker, through IProgress, before it finished.
        Assert.Equal(5, run.Lines.Count(l => RunTaskLine().IsMatch(l)));
    }

    [Fact]
    public async Task CpuVsIo_prints_a_table_where_every_model_gets_the_same_answer()
    {
        const int UpTo = 1_000_000;
        SampleResult run = await SampleRunner.RunAsync("CpuVsIo", null, UpTo.ToString());
        run.AssertSucceeded();

        Match[] cpu = run.Lines.Select(l => CpuRow().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(["sequential, 1 thread", "threads (Parallel.For)", "worker processes ([Parallel])"], cpu.Select(m => m.Groups["model"].Value.Trim()));
        Assert.All(cpu, m => Assert.Equal(PrimesBelow(UpTo).ToString("N0"), m.Groups["answer"].Value));
        Assert.Equal(2, run.Lines.Count(l => l.StartsWith("I/O | ", StringComparison.Ordinal) && l.EndsWith("| 20", StringComparison.Ordinal)));
        Assert.Contains("all CPU models agree on the answer: True", run.Lines);
        Assert.Contains("When each model fits:", run.Lines);
    }

    /// <summary>An independent oracle: a sieve of Eratosthenes.</summary>
    private static int PrimesBelow(int n)
    {
        var composite = new bool[n];
        int count = 0;
        for (int i = 2; i < n; i++)
        {
            if (composite[i])
            {
                continue;
            }

            count++;
            for (long j = (long)i * i; j < n; j += i)
            {
                composite[j] = true;
            }
        }

        return count;
    }

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]|\r")]
    private static partial Regex TerminalControl();

    [GeneratedRegex(@"\(this process: pid (\d+)\)")]
    private static partial Regex DemoTitle();

    [GeneratedRegex(@"^chunk \d+/\d+ \[.*\): [\d,]+ primes, worker pid (\d+), ")]
    private static partial Regex ChunkLine();

    [GeneratedRegex(@"^Parent process (\d+)\.")]
    private static partial Regex ParentLine();

    [GeneratedRegex(@"^\s*(?<task>\d) \|\s+(?<pid>\d+) \|\s+(?<started>[\d.]+) \|\s+(?<finished>[\d.]+)$")]
    private static partial Regex TaskRow();

    [GeneratedRegex(@"^\[[\d.]+\] Run task \d \(worker pid \d+\)\.\.\.$")]
    private static partial Regex RunTaskLine();

    [GeneratedRegex(@"^CPU \| (?<model>.+?)\|\s+[\d,]+ ms \|\s+[\d.]+x \| (?<answer>[\d,]+)$")]
    private static partial Regex CpuRow();

    /// <summary>The <c>// expect: FLxxxx</c> markers of every <c>samples/*/Flagged/*.cs</c>, as repository paths and 1-based lines.</summary>
    private static IEnumerable<(string Path, int Line, string Id)> FlaggedMarkers()
    {
        foreach (string file in Directory.EnumerateFiles(Path.Combine(SampleRunner.RepoRoot, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Flagged"))
        {
            string path = Path.GetRelativePath(SampleRunner.RepoRoot, file).Replace(Path.DirectorySeparatorChar, '/');
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match marker in ExpectMarker().Matches(lines[i]))
                {
                    yield return (path, i + 1, marker.Groups[1].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"// expect: (FL\d{4})")]
    private static partial Regex ExpectMarker();
}
