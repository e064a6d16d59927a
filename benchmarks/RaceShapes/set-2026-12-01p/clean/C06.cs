using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind16.SignRelay.Interpreters;

public enum InterpreterStatus { Available, OnCall, OnBreak, Offline }

/// <summary>
/// Tracks which video relay interpreters are free. All changes are sent as messages
/// to a processing loop that maintains the status table; callers from the
/// interpreter desktop client and the call router go through the public methods.
/// </summary>
public sealed class InterpreterPresence
{
    private abstract record Message;
    private sealed record StatusChanged(string InterpreterId, InterpreterStatus Status, IReadOnlySet<string> Languages) : Message;
    private sealed record FindFree(string Language, TaskCompletionSource<string?> Reply) : Message;
    private sealed record CountFree(TaskCompletionSource<int> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    private readonly Dictionary<string, (InterpreterStatus Status, IReadOnlySet<string> Languages, DateTimeOffset Since)> _table = new();

    public Task RunAsync(CancellationToken ct) => ProcessAsync(ct);

    public void Report(string interpreterId, InterpreterStatus status, IEnumerable<string> languages) =>
        _inbox.Writer.TryWrite(new StatusChanged(interpreterId, status, new HashSet<string>(languages, StringComparer.OrdinalIgnoreCase)));

    public Task<string?> ClaimFreeAsync(string language)
    {
        var reply = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite(new FindFree(language, reply));
        return reply.Task;
    }

    public Task<int> CountFreeAsync()
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite(new CountFree(reply));
        return reply.Task;
    }

    private async Task ProcessAsync(CancellationToken ct)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            switch (message)
            {
                case StatusChanged changed:
                    _table[changed.InterpreterId] = (changed.Status, changed.Languages, DateTimeOffset.UtcNow);
                    break;

                case FindFree find:
                    var longestIdle = _table
                        .Where(p => p.Value.Status == InterpreterStatus.Available && p.Value.Languages.Contains(find.Language))
                        .OrderBy(p => p.Value.Since)
                        .Select(p => p.Key)
                        .FirstOrDefault();

                    if (longestIdle is not null)
                    {
                        var entry = _table[longestIdle];
                        _table[longestIdle] = (InterpreterStatus.OnCall, entry.Languages, DateTimeOffset.UtcNow);
                    }

                    find.Reply.TrySetResult(longestIdle);
                    break;

                case CountFree count:
                    count.Reply.TrySetResult(_table.Values.Count(v => v.Status == InterpreterStatus.Available));
                    break;
            }
        }
    }
}
