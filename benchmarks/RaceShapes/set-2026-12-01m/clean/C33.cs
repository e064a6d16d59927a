namespace Social.Digest;

public sealed record DigestResult(int Sent, int NotSent);

/// <summary>
/// Sends the daily digest email to a list of followers. Stops early when the send window closes.
/// </summary>
public sealed class DigestSender
{
    private readonly Func<string, CancellationToken, Task> _sendEmail;
    private int _cancelledBatches;

    public DigestSender(Func<string, CancellationToken, Task> sendEmail) => _sendEmail = sendEmail;

    public int CancelledBatches => Volatile.Read(ref _cancelledBatches);

    public async Task<DigestResult> SendAsync(IReadOnlyList<string> followers, CancellationToken windowClosed)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = windowClosed.Register(() =>
        {
            if (stop.TrySetResult())
            {
                Interlocked.Increment(ref _cancelledBatches);
            }
        });

        var sent = 0;
        foreach (var follower in followers)
        {
            if (stop.Task.IsCompleted)
            {
                break;
            }

            var send = _sendEmail(follower, CancellationToken.None);
            var first = await Task.WhenAny(send, stop.Task).ConfigureAwait(false);
            await send.ConfigureAwait(false);
            sent++;

            if (first == stop.Task)
            {
                break;
            }
        }

        return new DigestResult(sent, followers.Count - sent);
    }
}
