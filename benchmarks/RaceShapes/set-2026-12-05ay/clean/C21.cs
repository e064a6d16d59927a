using System.Threading.Channels;

namespace Blind51.ChessClubs.Ladder;

/// <summary>
/// The club's ranking ladder, run as an actor with a mailbox. Callers from the club
/// website and the tournament director's app post messages and await replies.
/// </summary>
public sealed class LadderActor : IAsyncDisposable
{
    private abstract record Message;
    private sealed record Join(string Player, TaskCompletionSource<int> Reply) : Message;
    private sealed record ReportResult(string Winner, string Loser, TaskCompletionSource<bool> Reply) : Message;
    private sealed record GetStandings(TaskCompletionSource<IReadOnlyList<string>> Reply) : Message;

    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    // Owned by the mailbox loop.
    private readonly List<string> _ladder = new();
    private int _gamesPlayed;

    public LadderActor() => _loop = Task.Run(ProcessAsync);

    public Task<int> JoinAsync(string player) =>
        Post(new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously), tcs => new Join(player, tcs));

    public Task<bool> ReportAsync(string winner, string loser) =>
        Post(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), tcs => new ReportResult(winner, loser, tcs));

    public Task<IReadOnlyList<string>> StandingsAsync() =>
        Post(new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously), tcs => new GetStandings(tcs));

    private Task<T> Post<T>(TaskCompletionSource<T> tcs, Func<TaskCompletionSource<T>, Message> create)
    {
        if (!_mailbox.Writer.TryWrite(create(tcs)))
            tcs.SetException(new ObjectDisposedException(nameof(LadderActor)));
        return tcs.Task;
    }

    private async Task ProcessAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message)
            {
                case Join join:
                    if (!_ladder.Contains(join.Player)) _ladder.Add(join.Player);
                    join.Reply.SetResult(_ladder.IndexOf(join.Player) + 1);
                    break;

                case ReportResult result:
                    int w = _ladder.IndexOf(result.Winner), l = _ladder.IndexOf(result.Loser);
                    if (w < 0 || l < 0)
                    {
                        result.Reply.SetResult(false);
                        break;
                    }
                    _gamesPlayed++;
                    if (w > l)
                    {
                        // A challenger who beats a higher-placed player takes their rung.
                        _ladder.RemoveAt(w);
                        _ladder.Insert(l, result.Winner);
                    }
                    result.Reply.SetResult(true);
                    break;

                case GetStandings standings:
                    standings.Reply.SetResult(_ladder.Select((p, i) => $"{i + 1}. {p}").Append($"({_gamesPlayed} games)").ToList());
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
