using System.Threading.Channels;

namespace Blind35.TeaBlending.Grains;

public sealed record CaddyLevel(string CaddyId, string Blend, double Grams, DateTime UpdatedAt);

/// <summary>
/// Actor-style object for one tea caddy on the blending-room shelf. Callers on any thread send
/// it messages; a mailbox loop applies them in order.
/// </summary>
public sealed class CaddyGrain : IAsyncDisposable
{
    private abstract record Command;
    private sealed record Fill(string Blend, double Grams) : Command;
    private sealed record Scoop(double Grams, TaskCompletionSource<bool> Done) : Command;
    private sealed record Read(TaskCompletionSource<CaddyLevel> Reply) : Command;

    private readonly Channel<Command> _inbox = Channel.CreateUnbounded<Command>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly string _caddyId;
    private string _blend = "";
    private double _grams;
    private DateTime _updatedAt;

    public CaddyGrain(string caddyId)
    {
        _caddyId = caddyId;
        _loop = Task.Run(RunAsync);
    }

    public ValueTask FillAsync(string blend, double grams) => _inbox.Writer.WriteAsync(new Fill(blend, grams));

    public async Task<bool> ScoopAsync(double grams)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new Scoop(grams, done));
        return await done.Task;
    }

    public async Task<CaddyLevel> ReadAsync()
    {
        var reply = new TaskCompletionSource<CaddyLevel>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new Read(reply));
        return await reply.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var command in _inbox.Reader.ReadAllAsync())
        {
            switch (command)
            {
                case Fill fill:
                    if (_blend != fill.Blend)
                    {
                        _grams = 0;
                        _blend = fill.Blend;
                    }

                    _grams += fill.Grams;
                    _updatedAt = DateTime.UtcNow;
                    break;

                case Scoop scoop:
                    var enough = _grams >= scoop.Grams;
                    if (enough)
                    {
                        _grams -= scoop.Grams;
                        _updatedAt = DateTime.UtcNow;
                    }

                    scoop.Done.TrySetResult(enough);
                    break;

                case Read read:
                    read.Reply.TrySetResult(new CaddyLevel(_caddyId, _blend, _grams, _updatedAt));
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
