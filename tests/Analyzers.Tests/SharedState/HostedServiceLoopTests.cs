using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Entries that run alone. A <c>BackgroundService</c>'s <c>ExecuteAsync</c> is started once by the host and runs beside every member the
/// application calls on the service (set r R12: a hive-scale monitor whose loop adds to a total that the dashboard
/// reads and zeroes). It does not run beside itself, so a counter only the loop writes is not a lost update. The
/// tests declare the base class by its name, as the hosting package does. The reader of a channel created with
/// <c>SingleReader = true</c> runs alone by the channel's contract (set r C09, a false report), and so does a member
/// whose own documentation says it is called one at a time (OpenTelemetry's <c>CircularBuffer.Read</c>).
/// </summary>
public class HostedServiceLoopTests
{
    /// <summary>The hosting package's <c>BackgroundService</c>, declared by its name (shared with <see cref="HostedLoopForeignCollectionTests"/>).</summary>
    internal const string Hosting = """

        namespace Microsoft.Extensions.Hosting
        {
            public abstract class BackgroundService
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }
        """;

    [Fact]
    public Task Loop_adds_to_a_total_that_a_member_reads_and_zeroes()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public sealed class HiveMonitor : BackgroundService
            {
                private double _gain;

                public double Gain => Volatile.Read(ref _gain);

                public double StartNewDay()
                {
                    var yesterday = _gain;
                    {|#0:_gain = 0|};
                    return yesterday;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(1000, stoppingToken);
                        {|#1:_gain += Weigh()|};
                    }
                }

                private static double Weigh() => 1.5;
            }
            """ + Hosting,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 5, 21)
                .WithArguments("_gain", "StartNewDay", "'StartNewDay' may run on several threads at once: 'HiveMonitor' synchronizes its own state ('Gain' uses Volatile on '_gain')"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 18, 35)
                .WithArguments("_gain", "ExecuteAsync", "'ExecuteAsync' is the background loop of the hosted service, which runs concurrently with the members of 'HiveMonitor', and 'HiveMonitor' synchronizes its own state ('Gain' uses Volatile on '_gain')"));

    [Fact]
    public Task Loop_that_alone_writes_a_counter_callers_read_atomically()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public sealed class Poller : BackgroundService
            {
                private long _polls;

                public long Polls => Interlocked.Read(ref _polls);

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(1000, stoppingToken);
                        _polls++;
                    }
                }
            }
            """ + Hosting);

    [Fact]
    public Task Loop_helper_adds_to_a_list_that_the_members_lock()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public sealed class Sampler : BackgroundService
            {
                private readonly object _sync = new();
                private readonly List<double> _samples = new();

                public double[] Snapshot() { lock (_sync) { return _samples.ToArray(); } }

                public void Clear() { lock (_sync) { _samples.Clear(); } }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(1000, stoppingToken);
                        Record(1.0);
                    }
                }

                private void Record(double value) => {|#0:_samples.Add(value)|};
            }
            """ + Hosting,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 15, 35)
                .WithArguments("_samples", "modified", "_sync", "in 'Snapshot' (2 of 3 accesses)",
                    "'Record' runs in 'ExecuteAsync', the background loop of the hosted service, which runs concurrently with the members of 'Sampler', and 'Sampler' synchronizes its own state ('Snapshot' locks '_sync')"));

    [Fact]
    public Task ExecuteAsync_of_a_base_class_other_than_the_hosting_one_is_not_a_loop()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public abstract class Job
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
            }

            public sealed class Sampler : Job
            {
                private readonly object _sync = new();
                private readonly List<double> _samples = new();

                public double[] Snapshot() { lock (_sync) { return _samples.ToArray(); } }

                public void Clear() { lock (_sync) { _samples.Clear(); } }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await Task.Delay(1000, stoppingToken);
                    _samples.Add(1.0);
                }
            }
            """);

    [Fact]
    public Task Reader_of_a_single_reader_channel_owns_what_only_it_touches()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;

            /// <summary>Receivers report fixes from many threads.</summary>
            public sealed class BeaconTracker
            {
                private abstract record Message;
                private sealed record FixMessage(string Id, double Db) : Message;
                private sealed record QueryMessage(TaskCompletionSource<double[]> Reply) : Message;

                private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
                private readonly Dictionary<string, double> _latest = new();

                public ValueTask ReportAsync(string id, double db) => _inbox.Writer.WriteAsync(new FixMessage(id, db));

                public async Task<double[]> SnapshotAsync()
                {
                    var reply = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await _inbox.Writer.WriteAsync(new QueryMessage(reply));
                    return await reply.Task;
                }

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var message in _inbox.Reader.ReadAllAsync(ct))
                    {
                        switch (message)
                        {
                            case FixMessage fix: _latest[fix.Id] = fix.Db; break;
                            case QueryMessage query: query.Reply.TrySetResult(_latest.Values.ToArray()); break;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Reader_of_a_channel_with_several_readers_is_shared()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;

            /// <summary>Receivers report fixes from many threads.</summary>
            public sealed class BeaconTracker
            {
                private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
                private readonly Dictionary<string, int> _seen = new();

                public ValueTask ReportAsync(string id) => _inbox.Writer.WriteAsync(id);

                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var id in _inbox.Reader.ReadAllAsync(ct))
                    {
                        [|_seen[id] = 1|];
                    }
                }
            }
            """);

    /// <summary>Set q R09: an operator's new setpoint, a struct of three fields, stored while the dosing loop copies it.</summary>
    [Fact]
    public Task Struct_stored_by_a_member_while_the_loop_copies_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public readonly struct Dose
            {
                public Dose(double mg, double hz, long revision) { Mg = mg; Hz = hz; Revision = revision; }
                public double Mg { get; }
                public double Hz { get; }
                public long Revision { get; }
            }

            public sealed class DosingController : BackgroundService
            {
                private Dose _setpoint = new(12, 40, 0);
                private long _next;
                private double _lastHz;

                public double LastHz => Volatile.Read(ref _lastHz);

                public long Apply(double mg, double hz)
                {
                    var revision = Interlocked.Increment(ref _next);
                    {|#0:_setpoint = new Dose(mg, hz, revision)|};
                    return revision;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(2000, stoppingToken);
                        var sp = _setpoint;
                        Volatile.Write(ref _lastHz, sp.Mg * sp.Hz);
                    }
                }
            }
            """ + Hosting,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 13, 21)
                .WithArguments("_setpoint", "Apply", "'Apply' may run on several threads at once: 'DosingController' synchronizes its own state ('LastHz' uses Volatile on '_lastHz'); 'ExecuteAsync' copies it at line 33 meanwhile, and a 'Dose' is copied field by field, so it can be read half-written"));

    [Fact]
    public Task Struct_read_one_field_at_a_time_or_copied_under_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public readonly struct Dose
            {
                public Dose(double mg, double hz) { Mg = mg; Hz = hz; }
                public double Mg { get; }
                public double Hz { get; }
            }

            public sealed class OneField : BackgroundService
            {
                private Dose _setpoint;
                private double _lastHz;

                public double LastHz => Volatile.Read(ref _lastHz);

                public void Apply(double mg, double hz) => _setpoint = new Dose(mg, hz);

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(2000, stoppingToken);
                        Volatile.Write(ref _lastHz, _setpoint.Hz);
                    }
                }
            }

            public sealed class Locked : BackgroundService
            {
                private readonly object _sync = new();
                private Dose _setpoint;
                private double _lastHz;

                public double LastHz => Volatile.Read(ref _lastHz);

                public void Apply(double mg, double hz) { lock (_sync) { _setpoint = new Dose(mg, hz); } }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(2000, stoppingToken);
                        Dose sp;
                        lock (_sync) { sp = _setpoint; }
                        Volatile.Write(ref _lastHz, sp.Mg * sp.Hz);
                    }
                }
            }
            """ + Hosting);

    /// <summary>
    /// Set t R07: a hosted service that synchronizes nothing at all; its loop stores a struct of three fields that the
    /// status endpoint copies. The host runs the two at once, so no synchronization word is needed to say so.
    /// </summary>
    [Fact]
    public Task Struct_stored_by_the_loop_of_a_service_with_no_synchronization_while_a_member_copies_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(FrequencyMonitor("BackgroundService") + Hosting, TornSample("/0/Test0.cs"));

    [Fact]
    public Task Service_with_no_synchronization_whose_loop_and_members_share_only_words_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            public sealed class Poller : BackgroundService
            {
                private readonly List<string> _seen = new();
                private DateTime _lastRun;
                private string _name = "poller";

                public DateTime LastRun => _lastRun;

                public string Name => _name;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(100, stoppingToken);
                        _seen.Add("tick");
                        _lastRun = DateTime.UtcNow;
                    }
                }
            }
            """ + Hosting);

    /// <summary>
    /// A hosted service that derives from the hosting base class through a base class of its own, declared in another
    /// file: the service's file never names <c>BackgroundService</c>, and its loop still runs beside its members.
    /// </summary>
    [Fact]
    public Task Service_derived_through_its_own_base_class_in_another_file_is_analysed()
    {
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Monitor.cs", FrequencyMonitor("PlantWorker")));
        test.TestState.Sources.Add(("/0/PlantWorker.cs", """
            using Microsoft.Extensions.Hosting;

            public abstract class PlantWorker : BackgroundService
            {
                protected string Plant { get; } = "north";
            }
            """ + Hosting));
        test.ExpectedDiagnostics.Add(TornSample("/0/Monitor.cs"));
        return test.RunAsync();
    }

    /// <summary>A hosted service whose loop stores a three-field struct that its status member copies.</summary>
    private static string KilnWorker(string reader) => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        public sealed class KilnWorker : BackgroundService
        {
            private readonly Dictionary<string, int> _firings = new();

            {{reader}}

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, stoppingToken);
                    _firings.TryGetValue("east", out var count);
                    {|#0:_firings["east"] = count + 1|};
                }
            }
        }
        """;

    /// <summary>
    /// Set af R14: a hosted service whose loop counts into its own dictionary while the health check copies it through
    /// a member. The copy constructor enumerates the dictionary, so the two meet without any synchronization in sight.
    /// </summary>
    [Fact]
    public Task Loop_changes_its_own_dictionary_while_a_member_copies_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            KilnWorker("public IReadOnlyDictionary<string, int> Firings() => new Dictionary<string, int>(_firings);") + Hosting,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 12, 35)
                .WithArguments("_firings", "Dictionary<string, int>", "ExecuteAsync",
                    "'ExecuteAsync' is the background loop of the hosted service, which runs concurrently with the members of 'KilnWorker'; 'Firings' reads it meanwhile (line 10)"));

    [Fact]
    public Task Loop_changes_its_own_dictionary_while_a_member_counts_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            KilnWorker("public int Kilns => _firings.Count;") + Hosting,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 12, 35)
                .WithArguments("_firings", "Dictionary<string, int>", "ExecuteAsync",
                    "'ExecuteAsync' is the background loop of the hosted service, which runs concurrently with the members of 'KilnWorker'; 'Kilns' reads it meanwhile (line 10)"));

    [Fact]
    public Task Loop_that_alone_uses_its_dictionary_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(KilnWorker("public string Name => \"kilns\";").Replace("{|#0:", "").Replace("|}", "") + Hosting);

    private static string FrequencyMonitor(string baseClass) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        public readonly record struct Sample(double Hertz, double Rocof, DateTimeOffset At);

        public sealed class FrequencyMonitor : {{baseClass}}
        {
            private Sample _latest;

            public string Status()
            {
                var sample = _latest;
                return $"{sample.Hertz} Hz at {sample.At}";
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(100, stoppingToken);
                    {|#0:_latest = new Sample(50.0, 0.0, DateTimeOffset.UtcNow)|};
                }
            }
        }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult TornSample(string path)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(path, 18, 35)
            .WithArguments("_latest", "ExecuteAsync", "'ExecuteAsync' is the background loop of the hosted service, which runs concurrently with the members of 'FrequencyMonitor'; 'Status' copies it at line 14 meanwhile, and a 'Sample' is copied field by field, so it can be read half-written");

    /// <summary>
    /// OpenTelemetry's CircularBuffer: many writers add with a compare-and-swap, and 'Read', documented "only one reader
    /// is allowed at any given time", advances the tail in two atomic steps. It does not run beside itself, so the tail
    /// it alone writes loses nothing; without the sentence the split update is reported.
    /// </summary>
    [Theory]
    [InlineData("This function is not reentrant-safe, only one reader is allowed at any given time.", false)]
    [InlineData("Must not be called concurrently: the export thread drains the buffer.", false)]
    [InlineData("Reads the oldest item.", true)]
    public async Task Member_documented_as_called_one_at_a_time_runs_alone(string remarks, bool reported)
    {
        var source = $$"""
            using System.Threading;

            internal sealed class {|#1:Ring|}<T> where T : class
            {
                private readonly T?[] _slots;
                private long _head;
                private long _tail;

                public Ring(int capacity) => _slots = new T?[capacity];

                public int Count => (int)(Volatile.Read(ref _head) - Volatile.Read(ref _tail));

                public bool Add(T value)
                {
                    while (true)
                    {
                        var head = Volatile.Read(ref _head);
                        if (head - Volatile.Read(ref _tail) >= _slots.Length) return false;
                        if (Interlocked.CompareExchange(ref _head, head + 1, head) != head) continue;
                        Volatile.Write(ref _slots[head % _slots.Length], value);
                        return true;
                    }
                }

                /// <summary>Reads an item.</summary>
                /// <remarks>{{remarks}}</remarks>
                public T Read()
                {
                    var tail = Volatile.Read(ref _tail);
                    while (true)
                    {
                        var item = Interlocked.Exchange(ref _slots[tail % _slots.Length], null);
                        if (item is null) continue;
                        {|#0:Volatile.Write(ref _tail, tail + 1)|};
                        return item;
                    }
                }
            }

            internal static class Exporter
            {
                public static object Drain(Ring<object> ring) => ring.Read();
            }
            """;
        if (reported)
        {
            await CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source,
                CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_tail", "Read",
                    "'Read' may run on several threads at once: 'Ring' synchronizes its own state ('Count' uses Volatile on '_tail'); it reads '_tail' and writes it back in two atomic steps, so an update made between them is lost (Interlocked.Add or a compare-and-swap loop makes it one)"));
        }
        else
        {
            await SharedStateSilence.VerifyNoRaceAsync(source.Replace("{|#0:", "").Replace(")|};", ");").Replace("{|#1:Ring|}", "Ring"));
        }
    }
}
