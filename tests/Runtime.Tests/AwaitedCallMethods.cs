using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>Worker methods for <see cref="AwaitedCallTests"/>, registered like generated ones.</summary>
internal static class AwaitedCallMethods
{
    /// <summary>Spins for the given number of microseconds, then returns it: an answer that comes at a chosen time
    /// around an awaiting caller's window.</summary>
    public static readonly ParallelMethod<int, int> SpinMicroseconds = new(
        "Forklift.Runtime.Tests.AwaitedCallMethods.SpinMicroseconds(int)",
        "SpinMicroseconds",
        typeof(AwaitedCallMethods),
        TestCodecs.Int32,
        TestCodecs.Int32,
        (microseconds, _) =>
        {
            long end = Stopwatch.GetTimestamp() + (microseconds * Stopwatch.Frequency / 1_000_000);
            while (Stopwatch.GetTimestamp() < end)
            {
                Thread.SpinWait(10);
            }

            return ValueTask.FromResult(microseconds);
        });

    /// <summary>Reports progress as fast as it can (writing <c>path.started</c> after the first report) until the test
    /// creates <c>path</c> (at most two minutes); returns how many reports it sent.</summary>
    public static readonly ParallelMethod<string?, int> ReportUntilFile = new(
        "Forklift.Runtime.Tests.AwaitedCallMethods.ReportUntilFile(string, IProgress<int>)",
        "ReportUntilFile",
        typeof(AwaitedCallMethods),
        TestCodecs.String,
        TestCodecs.Int32,
        (path, context) =>
        {
            IProgress<int> progress = context.CreateProgress(TestCodecs.Int32);
            int reports = 0;
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                progress.Report(++reports);
                if (reports == 1)
                {
                    File.WriteAllText(path + ".started", string.Empty);
                }

                if (reports % 1000 == 0 && File.Exists(path))
                {
                    break;
                }
            }

            return ValueTask.FromResult(reports);
        });

    [ModuleInitializer]
    internal static void Register()
    {
        ParallelMethodRegistry.Register(SpinMicroseconds);
        ParallelMethodRegistry.Register(ReportUntilFile);
    }
}
