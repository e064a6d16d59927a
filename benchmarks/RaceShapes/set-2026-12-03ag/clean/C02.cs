using System.Threading.Channels;

namespace Kennel.Training;

public abstract record TrainingCommand;
public sealed record LogSession(string Dog, string Skill, int Score) : TrainingCommand;
public sealed record GetAverage(string Dog, TaskCompletionSource<double?> Reply) : TrainingCommand;
public sealed record ResetDog(string Dog) : TrainingCommand;
public sealed record ResetAll : TrainingCommand;

/// <summary>
/// Training log for the kennel's working sheepdogs. Handlers post sessions from
/// the field app; everything is applied in order by one message loop that owns
/// the score table.
/// </summary>
public sealed class TrainingLogActor : IAsyncDisposable
{
    private readonly Channel<TrainingCommand> _inbox =
        Channel.CreateBounded<TrainingCommand>(new BoundedChannelOptions(1024)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly Dictionary<string, List<int>> _scores = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public TrainingLogActor()
    {
        _loop = Task.Run(RunAsync);
    }

    public ValueTask LogAsync(string dog, string skill, int score, CancellationToken ct = default) =>
        _inbox.Writer.WriteAsync(new LogSession(dog, skill, score), ct);

    public ValueTask ResetDogAsync(string dog) => _inbox.Writer.WriteAsync(new ResetDog(dog));

    /// <summary>Clears the table at the start of a new trialling season.</summary>
    public ValueTask ResetSeasonAsync() => _inbox.Writer.WriteAsync(new ResetAll());

    public async Task<double?> AverageAsync(string dog, CancellationToken ct = default)
    {
        var reply = new TaskCompletionSource<double?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new GetAverage(dog, reply), ct).ConfigureAwait(false);
        return await reply.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var command in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (command)
            {
                case LogSession log:
                    if (!_scores.TryGetValue(log.Dog, out var list))
                    {
                        list = new List<int>();
                        _scores[log.Dog] = list;
                    }
                    list.Add(log.Score);
                    break;
                case GetAverage query:
                    query.Reply.TrySetResult(
                        _scores.TryGetValue(query.Dog, out var scores) && scores.Count > 0 ? scores.Average() : null);
                    break;
                case ResetDog reset:
                    _scores.Remove(reset.Dog);
                    break;
                case ResetAll:
                    _scores.Clear();
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
