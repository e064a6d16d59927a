using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Tells a test that a call is running in a worker, not merely sent or queued: methods such as
/// <see cref="TestMethods.Sleep"/> report their worker's pid as progress first. Tests that kill, cancel or terminate "a
/// running call" wait for this instead of sleeping a fixed time and hoping the worker got there.
/// </summary>
internal sealed class CallStarted : IProgress<int>
{
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CallStarted() => Sink = ProgressSink.Create(this, TestCodecs.Int32);

    /// <summary>Pass this as the call's progress.</summary>
    public ProgressSink Sink { get; }

    /// <summary>Completes with the pid of the worker running the call.</summary>
    public Task<int> ProcessId => _started.Task;

    void IProgress<int>.Report(int value) => _started.TrySetResult(value);
}
