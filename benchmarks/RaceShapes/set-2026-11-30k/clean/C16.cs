using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ledger.Commands
{
    public sealed record CommandContext(Guid CorrelationId, string UserId, DateTimeOffset IssuedAt);

    /// <summary>
    /// Ambient information about the command currently being handled, flowed
    /// across awaits so that every appended event records who caused it.
    /// </summary>
    public static class CurrentCommand
    {
        private static readonly AsyncLocal<CommandContext?> s_current = new();

        public static CommandContext? Value => s_current.Value;

        public static IDisposable Begin(CommandContext context)
        {
            var previous = s_current.Value;
            s_current.Value = context;
            return new Scope(previous);
        }

        private sealed class Scope : IDisposable
        {
            private readonly CommandContext? _previous;

            public Scope(CommandContext? previous) => _previous = previous;

            public void Dispose() => s_current.Value = _previous;
        }
    }

    public sealed record StoredEvent(Guid StreamId, string EventType, Guid CorrelationId, string UserId);

    public sealed record IncomingCommand(Guid StreamId, string EventType, string UserId);

    /// <summary>
    /// Handles a batch of commands received from the API, all at once.
    /// </summary>
    public sealed class CommandDispatcher
    {
        private readonly ConcurrentQueue<StoredEvent> _appended = new();

        public IReadOnlyList<StoredEvent> AppendedEvents => _appended.ToArray();

        public Task DispatchAllAsync(IEnumerable<IncomingCommand> commands) =>
            Task.WhenAll(commands.Select(HandleAsync));

        private async Task HandleAsync(IncomingCommand command)
        {
            using (CurrentCommand.Begin(new CommandContext(Guid.NewGuid(), command.UserId, DateTimeOffset.UtcNow)))
            {
                await Task.Yield();
                await ValidateAsync(command).ConfigureAwait(false);
                Append(command.StreamId, command.EventType);
            }
        }

        private static async Task ValidateAsync(IncomingCommand command)
        {
            await Task.Delay(1).ConfigureAwait(false);
            if (string.IsNullOrEmpty(CurrentCommand.Value?.UserId))
                throw new InvalidOperationException($"Command for {command.StreamId} has no user.");
        }

        private void Append(Guid streamId, string eventType)
        {
            var context = CurrentCommand.Value
                ?? throw new InvalidOperationException("No command is being handled.");
            _appended.Enqueue(new StoredEvent(streamId, eventType, context.CorrelationId, context.UserId));
        }
    }
}
