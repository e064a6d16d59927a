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

    [ModuleInitializer]
    internal static void Register() => ParallelMethodRegistry.Register(SpinMicroseconds);
}
