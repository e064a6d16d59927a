using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.SharedState;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer, Forklift.CodeFixes.SharedState.SharedStateMutationCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1001 on an object changed after its method handed it to a reader on another thread: the hand-off orders what was
/// written before it with the reader, nothing written after it.
/// </summary>
public class HandOffChangesTests
{
    /// <summary>
    /// Blind set u, R08: the producer converts a declaration's value after writing it to the channel, while a worker
    /// may already be checking that value.
    /// </summary>
    [Fact]
    public Task Value_changed_after_the_object_was_written_to_a_channel_the_type_reads()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Pipeline("""
                var declaration = new Declaration { DeclaredValue = value };
                await _channel.Writer.WriteAsync(declaration, ct);
                if (currency != "EUR")
                {
                    {|#0:declaration.DeclaredValue = value * rate|};
                }
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(19, 15, 19, 58)
                .WithArguments("DeclaredValue", "ProduceAsync", "'declaration' was handed to '_channel' at line 19, and 'ConsumeAsync' may already be reading it on another thread"));

    [Fact]
    public Task Value_finished_before_the_hand_off_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            var declaration = new Declaration { DeclaredValue = value };
            if (currency != "EUR")
            {
                declaration.DeclaredValue = value * rate;
            }

            await _channel.Writer.WriteAsync(declaration, ct);
            """));

    [Fact]
    public Task Local_that_holds_a_new_object_after_the_hand_off_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            var declaration = new Declaration { DeclaredValue = value };
            await _channel.Writer.WriteAsync(declaration, ct);
            declaration = new Declaration();
            declaration.DeclaredValue = value * rate;
            """));

    /// <summary>
    /// Blind set y, C26: the catch of a <c>try</c> that ends with the hand-off runs only when the hand-off threw, and
    /// then nothing was handed over.
    /// </summary>
    [Fact]
    public Task Write_in_the_catch_of_a_try_that_ends_with_the_hand_off_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            var declaration = new Declaration { DeclaredValue = value };
            try
            {
                if (currency != "EUR")
                {
                    declaration.DeclaredValue = value * rate;
                }

                await _channel.Writer.WriteAsync(declaration, ct);
            }
            catch (ChannelClosedException)
            {
                declaration.DeclaredValue = 0;
            }
            """));

    /// <summary>When the try goes on after the hand-off, its catch can run after the reader got the object.</summary>
    [Fact]
    public Task Write_in_the_catch_of_a_try_that_goes_on_after_the_hand_off_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Pipeline("""
                var declaration = new Declaration { DeclaredValue = value };
                try
                {
                    await _channel.Writer.WriteAsync(declaration, ct);
                    await Task.Delay(10, ct);
                }
                catch (OperationCanceledException)
                {
                    {|#0:declaration.DeclaredValue = 0|};
                }
                """).Replace("using System.Collections.Generic;", "using System;\nusing System.Collections.Generic;"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(22, 19, 22, 62)
                .WithArguments("DeclaredValue", "ProduceAsync", "'declaration' was handed to '_channel' at line 22, and 'ConsumeAsync' may already be reading it on another thread"));

    /// <summary>A type that only writes to a channel another type reads gives no sign that a reader runs meanwhile.</summary>
    [Fact]
    public Task Channel_the_type_does_not_read_is_not_judged()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
                var declaration = new Declaration { DeclaredValue = value };
                await _channel.Writer.WriteAsync(declaration, ct);
                declaration.DeclaredValue = value * rate;
                """).Replace("_channel.Reader.ReadAllAsync(ct)", "Source(ct)")
            .Replace("private async Task ConsumeAsync", "private static async IAsyncEnumerable<Declaration> Source(CancellationToken ct) { await Task.Yield(); yield break; }\n\n    private async Task ConsumeAsync"));

    [Fact]
    public Task Count_changed_after_the_object_was_enqueued_for_the_drain_loop()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Batch
            {
                public int Attempts;
            }

            public sealed class Outbox
            {
                private readonly ConcurrentQueue<Batch> _pending = new();

                public void Submit(Batch batch)
                {
                    _pending.Enqueue(batch);
                    {|#0:batch.Attempts++|};
                }

                public void Drain()
                {
                    while (_pending.TryDequeue(out var batch))
                    {
                        if (batch.Attempts > 3)
                        {
                            Thread.Sleep(10);
                        }
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(15, 9, 15, 32)
                .WithArguments("Attempts", "Submit", "'batch' was handed to '_pending' at line 15, and 'Drain' may already be reading it on another thread"));

    /// <summary>A struct is copied into the queue: the copy the reader takes does not change.</summary>
    [Fact]
    public Task Struct_changed_after_it_was_enqueued_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;

            public struct Batch
            {
                public int Attempts;
            }

            public sealed class Outbox
            {
                private readonly ConcurrentQueue<Batch> _pending = new();

                public void Submit(Batch batch)
                {
                    _pending.Enqueue(batch);
                    batch.Attempts++;
                }

                public int Drain()
                {
                    var total = 0;
                    while (_pending.TryDequeue(out var batch))
                    {
                        total += batch.Attempts;
                    }

                    return total;
                }
            }
            """);

    /// <summary>A lock around the change excludes nothing the reader does, so neither fix is offered.</summary>
    [Theory]
    [InlineData(SharedStateMutationCodeFix.LockKey)]
    [InlineData(SharedStateMutationCodeFix.InterlockedKey)]
    public Task No_fix_is_offered(string key)
    {
        var source = Pipeline("""
            var declaration = new Declaration { DeclaredValue = value };
            await _channel.Writer.WriteAsync(declaration, ct);
            [|declaration.DeclaredValue = value * rate|];
            """);
        return new Verify.Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = key }.RunAsync();
    }

    /// <summary>
    /// Blind set x, R12: one scratch object is filled and written to the channel on every pass of a loop, so each pass
    /// overwrites the object the previous pass handed to the reader.
    /// </summary>
    [Fact]
    public Task Scratch_object_refilled_on_each_pass_of_the_loop_that_hands_it_over()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Pipeline("""
                var scratch = new Declaration();
                for (var i = 0; i < 10; i++)
                {
                    {|#0:scratch.DeclaredValue = value * i|};
                    await {|#1:_channel.Writer.WriteAsync(scratch, ct)|};
                }
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("DeclaredValue", "ProduceAsync", "'scratch' was handed to '_channel' at line 22 in the loop's previous pass, and 'ConsumeAsync' may still be reading it on another thread (make a new object for each pass)"));

    /// <summary>
    /// Blind set y, R04: the object refilled on every pass is a <c>readonly</c> field of the producer (one object for
    /// the type's whole life), not a local.
    /// </summary>
    [Fact]
    public Task Readonly_field_refilled_on_each_pass_of_the_loop_that_hands_it_over()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            WithScratchField(Pipeline("""
                for (var i = 0; i < 10; i++)
                {
                    {|#0:_scratch.DeclaredValue = value * i|};
                    await {|#1:_channel.Writer.WriteAsync(_scratch, ct)|};
                }
                """)),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("DeclaredValue", "ProduceAsync", "'_scratch' was handed to '_channel' at line 22 in the loop's previous pass, and 'ConsumeAsync' may still be reading it on another thread (make a new object for each pass)"));

    /// <summary>A field that is not <c>readonly</c> may hold a new object by the next pass (another member may assign it): not reported.</summary>
    [Fact]
    public Task Writable_field_refilled_on_each_pass_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(WithScratchField(Pipeline("""
            for (var i = 0; i < 10; i++)
            {
                _scratch.DeclaredValue = value * i;
                await _channel.Writer.WriteAsync(_scratch, ct);
            }
            """)).Replace("private readonly Declaration _scratch", "private Declaration _scratch"));

    private static string WithScratchField(string source)
        => source.Replace("private readonly Channel<Declaration> _channel", "private readonly Declaration _scratch = new();\n    private readonly Channel<Declaration> _channel");

    [Fact]
    public Task New_object_on_each_pass_of_the_loop_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            for (var i = 0; i < 10; i++)
            {
                var item = new Declaration();
                item.DeclaredValue = value * i;
                await _channel.Writer.WriteAsync(item, ct);
            }
            """));

    /// <summary>LiteDB's MemoryCache.Clear: each pass of a foreach resets a different page and hands it to the free list.</summary>
    [Fact]
    public Task Foreach_variable_handed_over_on_each_pass_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            foreach (var item in new[] { new Declaration(), new Declaration() })
            {
                item.DeclaredValue = value;
                await _channel.Writer.WriteAsync(item, ct);
            }
            """));

    [Fact]
    public Task Local_assigned_a_new_object_at_the_top_of_each_pass_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pipeline("""
            Declaration item;
            for (var i = 0; i < 10; i++)
            {
                item = new Declaration();
                item.DeclaredValue = value * i;
                await _channel.Writer.WriteAsync(item, ct);
            }
            """));

    /// <summary>
    /// Blind set ao, R13: an intake writes an order to its channel and then stamps the order's queue time, while the
    /// consumer, in another type, reads the orders through the channel's reader that the intake hands out. Handing out
    /// the reader says, as a read in another member does, that a reader runs on another thread.
    /// </summary>
    [Fact]
    public Task Value_changed_after_the_hand_off_to_a_channel_whose_reader_the_type_hands_out()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Intake("public ChannelReader<Order> Reader => _queue.Reader;"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(19, 15, 19, 65)
                .WithArguments("QueuedAtUtc", "SubmitAsync", "'order' was handed to '_queue' at line 19, and the readers of the channel 'Reader' hands out may already be reading it on another thread"));

    [Theory]
    [InlineData("private ChannelReader<Order> Reader => _queue.Reader;")]
    [InlineData("public int Count => _queue.Reader.Count;")]
    [InlineData("public Channel<Order> Queue { get; } = Channel.CreateUnbounded<Order>();")]
    public Task A_reader_kept_inside_or_only_counted_is_no_sign_of_another_thread(string member)
        => SharedStateSilence.VerifyNoRaceAsync(Intake(member).Replace("{|#0:", "").Replace("|}", ""));

    private static string Intake(string readerMember) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public sealed class Order
        {
            public DateTime QueuedAtUtc { get; set; }
        }

        public sealed class OrderIntake
        {
            private readonly Channel<Order> _queue = Channel.CreateUnbounded<Order>();

            {{readerMember}}

            public async ValueTask SubmitAsync(Order order, CancellationToken cancellationToken)
            {
                await _queue.Writer.WriteAsync(order, cancellationToken).ConfigureAwait(false);
                {|#0:order.QueuedAtUtc = DateTime.UtcNow|};
            }
        }
        """;

    private static string Pipeline(string produce) => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public sealed class Declaration
        {
            public decimal DeclaredValue { get; set; }
            public List<string> Flags { get; } = new();
        }

        public sealed class DeclarationPipeline
        {
            private readonly Channel<Declaration> _channel = Channel.CreateBounded<Declaration>(256);

            public async Task ProduceAsync(decimal value, string currency, decimal rate, CancellationToken ct)
            {
                {{produce.Replace("\n", "\n        ")}}
            }

            private async Task ConsumeAsync(CancellationToken ct)
            {
                await foreach (var declaration in _channel.Reader.ReadAllAsync(ct))
                {
                    if (declaration.DeclaredValue > 10_000m)
                    {
                        declaration.Flags.Add("HIGH_VALUE");
                    }
                }
            }
        }
        """;

    /// <summary>
    /// Set bc R15: a batch list written to the channel and then cleared (and refilled on the next pass) is the list the
    /// shipper is still enumerating.
    /// </summary>
    [Fact]
    public Task Batch_list_cleared_after_it_was_written_to_the_channel()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Batches("""
                await {|#1:_outbound.Writer.WriteAsync(batch, ct)|};
                        {|#0:batch.Clear()|};
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("batch", "PumpAsync", "'batch' was handed to '_outbound' at line 19, and 'ShipAsync' may already be reading it on another thread"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithSpan(16, 13, 16, 25).WithSpan(19, 23, 19, 61)
                .WithArguments("batch", "PumpAsync", "'batch' was handed to '_outbound' at line 19 in the loop's previous pass, and 'ShipAsync' may still be reading it on another thread (make a new object for each pass)"));

    /// <summary>A new list after each hand-off leaves the handed one to the shipper.</summary>
    [Fact]
    public Task Batch_list_replaced_after_it_was_written_to_the_channel_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Batches("""
            await _outbound.Writer.WriteAsync(batch, ct);
                    batch = new List<int>();
            """));

    private static string Batches(string handOff) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public sealed class Shipper
        {
            private readonly Channel<List<int>> _outbound = Channel.CreateBounded<List<int>>(8);

            public async Task PumpAsync(ChannelReader<int> source, CancellationToken ct)
            {
                var batch = new List<int>();
                await foreach (var e in source.ReadAllAsync(ct))
                {
                    batch.Add(e);
                    if (batch.Count >= 100)
                    {
                        {{handOff}}
                    }
                }
            }

            public async Task<int> ShipAsync(CancellationToken ct)
            {
                var total = 0;
                await foreach (var batch in _outbound.Reader.ReadAllAsync(ct))
                {
                    total += batch.Sum();
                }

                return total;
            }
        }
        """;
}
