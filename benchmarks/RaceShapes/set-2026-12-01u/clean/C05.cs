using System.Threading.Channels;

namespace Regatta.Signals;

public enum OfficerCommand { Postpone, Resume, GeneralRecall }

/// <summary>
/// Start sequence for a fleet race. All sequence state lives inside <see cref="RunAsync"/>;
/// the race officer's console only posts commands.
/// </summary>
public sealed class FleetStartController
{
    private readonly Channel<OfficerCommand> _commands = Channel.CreateUnbounded<OfficerCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string> _hooter;

    public FleetStartController(Action<string> hooter) => _hooter = hooter;

    public bool Post(OfficerCommand command) => _commands.Writer.TryWrite(command);

    public async Task RunAsync(CancellationToken ct)
    {
        var secondsRemaining = 300;
        var running = true;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        _hooter("warning");

        while (secondsRemaining > 0 && await timer.WaitForNextTickAsync(ct))
        {
            while (_commands.Reader.TryRead(out var command))
            {
                switch (command)
                {
                    case OfficerCommand.Postpone:
                        running = false;
                        _hooter("postponement");
                        break;
                    case OfficerCommand.Resume:
                    case OfficerCommand.GeneralRecall:
                        secondsRemaining = 300;
                        running = true;
                        _hooter(command == OfficerCommand.Resume ? "warning" : "recall");
                        break;
                }
            }

            if (!running)
                continue;

            secondsRemaining--;
            if (secondsRemaining == 240) _hooter("preparatory");
            else if (secondsRemaining == 60) _hooter("one-minute");
        }

        if (secondsRemaining == 0)
            _hooter("start");
    }
}
