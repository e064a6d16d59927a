using System.Collections.Concurrent;

namespace Blind22.CheeseCave.TurningRobot;

public sealed record TurnResult(string WheelId, int TotalTurns, bool NeedsBrushing);

/// <summary>
/// Front end for the rack-turning robot. The robot controller can only talk to one
/// caller at a time, so all requests go through a dedicated thread which also owns the
/// per-wheel turn counts. Any number of callers may use the public methods.
/// </summary>
public sealed class TurningRobotAgent : IDisposable
{
    private abstract record Command;
    private sealed record TurnCommand(string WheelId, TaskCompletionSource<TurnResult> Reply) : Command;
    private sealed record CountCommand(TaskCompletionSource<int> Reply) : Command;

    private readonly BlockingCollection<Command> _commands = new();
    private readonly Dictionary<string, int> _turns = new();
    private readonly Action<string> _turnWheel;
    private readonly Thread _worker;

    public TurningRobotAgent(Action<string> turnWheel)
    {
        _turnWheel = turnWheel;
        _worker = new Thread(Run) { IsBackground = true, Name = "turning-robot" };
        _worker.Start();
    }

    public Task<TurnResult> TurnAsync(string wheelId)
    {
        var reply = new TaskCompletionSource<TurnResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Add(new TurnCommand(wheelId, reply));
        return reply.Task;
    }

    public Task<int> WheelsTrackedAsync()
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Add(new CountCommand(reply));
        return reply.Task;
    }

    private void Run()
    {
        foreach (var command in _commands.GetConsumingEnumerable())
        {
            switch (command)
            {
                case TurnCommand turn:
                    try
                    {
                        _turnWheel(turn.WheelId);
                        var total = _turns.GetValueOrDefault(turn.WheelId) + 1;
                        _turns[turn.WheelId] = total;
                        turn.Reply.SetResult(new TurnResult(turn.WheelId, total, total % 4 == 0));
                    }
                    catch (Exception ex)
                    {
                        turn.Reply.SetException(ex);
                    }
                    break;

                case CountCommand count:
                    count.Reply.SetResult(_turns.Count);
                    break;
            }
        }
    }

    public void Dispose()
    {
        _commands.CompleteAdding();
        _worker.Join();
        _commands.Dispose();
    }
}
