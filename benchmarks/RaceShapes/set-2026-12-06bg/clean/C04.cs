using System.Threading.Channels;

namespace Blind59.Fencing.Pistes;

public readonly record struct BoutScore(string Left, int LeftTouches, string Right, int RightTouches, bool Finished);

/// <summary>
/// Actor owning the bout in progress on one piste. The scoring box, the referee's
/// remote and the salle display all talk to it through its mailbox.
/// </summary>
public sealed class PisteActor
{
    private abstract record Message;
    private sealed record StartBout(string Left, string Right, int FirstTo) : Message;
    private sealed record Touch(bool Left) : Message;
    private sealed record Annul(bool Left) : Message;
    private sealed record GetScore(TaskCompletionSource<BoutScore> Reply) : Message;

    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    private string _left = "";
    private string _right = "";
    private int _leftTouches;
    private int _rightTouches;
    private int _firstTo = 5;

    public PisteActor(int pisteNumber)
    {
        PisteNumber = pisteNumber;
        Completion = Task.Run(RunAsync);
    }

    public int PisteNumber { get; }
    public Task Completion { get; }

    public void Start(string left, string right, int firstTo) => Post(new StartBout(left, right, firstTo));
    public void ScoreTouch(bool left) => Post(new Touch(left));
    public void AnnulTouch(bool left) => Post(new Annul(left));

    public Task<BoutScore> GetScoreAsync()
    {
        var reply = new TaskCompletionSource<BoutScore>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new GetScore(reply));
        return reply.Task;
    }

    public void Close() => _mailbox.Writer.TryComplete();

    private void Post(Message message)
    {
        if (!_mailbox.Writer.TryWrite(message))
        {
            throw new InvalidOperationException($"Piste {PisteNumber} is closed.");
        }
    }

    private async Task RunAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message)
            {
                case StartBout start:
                    (_left, _right, _firstTo) = (start.Left, start.Right, start.FirstTo);
                    _leftTouches = _rightTouches = 0;
                    break;
                case Touch touch when !IsFinished():
                    if (touch.Left) _leftTouches++; else _rightTouches++;
                    break;
                case Annul annul:
                    if (annul.Left && _leftTouches > 0) _leftTouches--;
                    if (!annul.Left && _rightTouches > 0) _rightTouches--;
                    break;
                case GetScore query:
                    query.Reply.TrySetResult(new BoutScore(_left, _leftTouches, _right, _rightTouches, IsFinished()));
                    break;
            }
        }
    }

    private bool IsFinished() => _leftTouches >= _firstTo || _rightTouches >= _firstTo;
}

/// <summary>
/// Builds the salle's scoreboard from all pistes at once.
/// </summary>
public static class SalleScoreboard
{
    public static async Task<IReadOnlyList<string>> RenderAsync(IEnumerable<PisteActor> pistes)
    {
        var list = pistes.ToList();
        var scores = await Task.WhenAll(list.Select(p => p.GetScoreAsync()));
        return list.Zip(scores, (p, s) =>
            $"Piste {p.PisteNumber}: {s.Left} {s.LeftTouches} - {s.RightTouches} {s.Right}{(s.Finished ? " (final)" : "")}")
            .ToList();
    }
}
