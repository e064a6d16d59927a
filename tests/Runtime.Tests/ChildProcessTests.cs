using Forklift.Transport;

namespace Forklift.Runtime.Tests;

/// <summary>The child-process layer under the pool, with real processes.</summary>
public sealed class ChildProcessTests
{
    /// <remarks>When a worker is lost, the pool asks whether its standard error still holds unread bytes while the
    /// stream's own reader may be closing it at its end. Asking a closed stream threw ObjectDisposedException on the
    /// pool's read-loop thread and crashed the whole app (seen once in a full CI run); a closed stream has nothing left.</remarks>
    [Fact]
    public async Task Asking_whether_a_closed_standard_error_is_empty_answers_yes_instead_of_throwing()
    {
        // The posix_spawn transport (Linux) is the one that asks the kernel; the Process-based one has no such question.
        var child = SpawnedProcess.Start("/bin/sh", ["-c", "exit 0"], new Dictionary<string, string?>());
        await child.Exited.WaitAsync(TimeSpan.FromSeconds(60));

        child.StandardError.Dispose();

        Assert.True(child.StandardErrorIsEmpty());
        child.Dispose();
    }
}
