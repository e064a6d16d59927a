using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A private helper told by a <c>bool</c> parameter that its caller already holds the lock (<c>if (semaphoreHeld)
/// Add(x); else { wait; try { Add(x); } finally { release; } }</c>): the branch that skips the lock runs only for the
/// callers that pass <c>true</c>. RabbitMQ.Client's <c>AutorecoveringConnection.RecordChannelAsync</c>, whose one
/// caller passes <c>false</c>, was reported (docs/real-code.md, session 41).
/// </summary>
public class HeldFlagTests
{
    private const string Connection = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Connection
        {
            private readonly SemaphoreSlim _channelsSemaphore = new SemaphoreSlim(1, 1);
            private readonly List<object> _channels = new List<object>();

            public async Task CreateChannelAsync(object channel)
            {
                await RecordChannelAsync(channel, channelsSemaphoreHeld: HELD);
            }

            public async Task RemoveAsync(object channel)
            {
                await _channelsSemaphore.WaitAsync();
                try
                {
                    _channels.Remove(channel);
                }
                finally
                {
                    _channelsSemaphore.Release();
                }
            }

            public async Task<int> CountAsync()
            {
                await _channelsSemaphore.WaitAsync();
                try
                {
                    return _channels.Count;
                }
                finally
                {
                    _channelsSemaphore.Release();
                }
            }

            private async Task RecordChannelAsync(object channel, bool channelsSemaphoreHeld)
            {
                if (channelsSemaphoreHeld)
                {
                    DoAddRecordedChannel(channel);
                }
                else
                {
                    await _channelsSemaphore.WaitAsync();
                    try
                    {
                        DoAddRecordedChannel(channel);
                    }
                    finally
                    {
                        _channelsSemaphore.Release();
                    }
                }
            }

            private void DoAddRecordedChannel(object channel) => ADD;
        }
        """;

    [Fact]
    public Task Branch_for_a_held_lock_is_not_taken_when_every_caller_passes_false()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Connection.Replace("HELD", "false").Replace("ADD", "_channels.Add(channel)"));

    [Fact]
    public Task Branch_for_a_held_lock_is_reported_when_a_caller_passes_true_without_holding_it()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Connection.Replace("HELD", "true").Replace("ADD", "[|_channels.Add(channel)|]"));

    [Fact]
    public Task Access_in_the_branch_itself_is_not_reached_when_every_caller_passes_false()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _gate = new object();
                private readonly List<string> _names = new List<string>();

                public void Add(string name) => Record(name, locked: false);

                public int Count()
                {
                    lock (_gate)
                    {
                        return _names.Count;
                    }
                }

                private void Record(string name, bool locked)
                {
                    if (locked)
                    {
                        _names.Add(name);
                        return;
                    }

                    lock (_gate)
                    {
                        _names.Add(name);
                    }
                }
            }
            """);

    [Fact]
    public Task Flag_passed_on_unchanged_through_another_helper_is_followed()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Topology
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private readonly List<string> _queues = new List<string>();

                public Task DeclareAsync(string queue) => RecordAsync(queue, queuesSemaphoreHeld: false);

                public async Task DeleteAsync(string queue)
                {
                    await _semaphore.WaitAsync();
                    try
                    {
                        _queues.Remove(queue);
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }

                private Task RecordAsync(string queue, bool queuesSemaphoreHeld) => RecordQueueAsync(queue, queuesSemaphoreHeld);

                private async Task RecordQueueAsync(string queue, bool queuesSemaphoreHeld)
                {
                    if (queuesSemaphoreHeld)
                    {
                        _queues.Add(queue);
                        return;
                    }

                    await _semaphore.WaitAsync();
                    try
                    {
                        _queues.Add(queue);
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task Timer_that_passes_false_walks_only_the_locking_branch()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            public sealed class InspectionCache : IDisposable
            {
                private readonly object _sync = new object();
                private readonly Dictionary<int, string> _latest = new Dictionary<int, string>();
                private readonly Queue<int> _order = new Queue<int>();
                private readonly Timer _maintenance;
                private int _capacity;

                public InspectionCache(int capacity)
                {
                    _capacity = capacity;
                    _maintenance = new Timer(_ => Evict(lockTaken: false), null, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
                }

                public void Record(int hive, string notes)
                {
                    lock (_sync)
                    {
                        if (!_latest.ContainsKey(hive))
                        {
                            _order.Enqueue(hive);
                        }

                        _latest[hive] = notes;
                        Evict(lockTaken: true);
                    }
                }

                private void Evict(bool lockTaken)
                {
                    if (!lockTaken)
                    {
                        lock (_sync)
                        {
                            EvictCore();
                        }

                        return;
                    }

                    EvictCore();
                }

                private void EvictCore()
                {
                    while (_latest.Count > _capacity && _order.Count > 0)
                    {
                        _latest.Remove(_order.Dequeue());
                    }
                }

                public void Dispose() => _maintenance.Dispose();
            }
            """);

    private const string DeletingConnection = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Connection
        {
            private readonly SemaphoreSlim _channelsSemaphore = new SemaphoreSlim(1, 1);
            private readonly List<object> _channels = new List<object>();

            public async Task AddAsync(object channel)
            {
                await _channelsSemaphore.WaitAsync().ConfigureAwait(false);
                try { _channels.Add(channel); _channels.TrimExcess(); }
                finally { _channelsSemaphore.Release(); }
            }

            internal async Task DeleteAsync(object channel, bool FLAG)
            {
                if (FLAG)
                {
                    DoDelete(channel);
                }
                else
                {
                    await _channelsSemaphore.WaitAsync().ConfigureAwait(false);
                    try { DoDelete(channel); }
                    finally { _channelsSemaphore.Release(); }
                }
            }

            private void DoDelete(object channel) => DELETE;
        }

        public sealed class Channel
        {
            private readonly Connection _connection;

            public Channel(Connection connection) => _connection = connection;

            public Task CloseAsync() => _connection.DeleteAsync(this, false);
        }
        """;

    [Fact]
    public Task Entry_told_by_its_caller_that_the_semaphore_is_held_leaves_that_branch_to_the_caller()
        => SharedStateSilence.VerifyNoRaceAsync(DeletingConnection.Replace("FLAG", "channelsSemaphoreHeld").Replace("DELETE", "_channels.Remove(channel)"));

    [Fact]
    public Task Entry_with_a_flag_that_names_no_lock_is_still_composed_on_both_branches()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(DeletingConnection.Replace("FLAG", "quickly").Replace("DELETE", "[|_channels.Remove(channel)|]"));
}
