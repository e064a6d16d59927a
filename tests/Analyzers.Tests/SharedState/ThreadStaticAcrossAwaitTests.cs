using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A [ThreadStatic] cache's object kept in a local across an await (set am R15: label lines of reams printed by
/// Parallel.ForEachAsync mixed, because the thread took up the next ream while the first one's method awaited the
/// printer, and both appended to the thread's one builder). Used only between awaits, re-read from the slot after
/// the await, or taken out of the slot for the duration, it is silent.
/// </summary>
public class ThreadStaticAcrossAwaitTests
{
    private const string Writer = """
        using System;
        using System.IO;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class LabelWriter
        {
            [ThreadStatic]
            private static StringBuilder? t_builder;

        BODY
        }
        """;

    [Fact]
    public Task Builder_kept_in_a_local_across_an_await_is_reported_at_its_next_use()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Writer.Replace("BODY", """
                public async Task WriteAsync(string mill, string lot, Stream printer, CancellationToken ct)
                {
                    var sb = t_builder ??= new StringBuilder(128);
                    sb.Clear();
                    sb.Append(mill).Append('\n');
                    {|#1:await printer.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()), ct)|};

                    {|#0:sb|}.Clear();
                    sb.Append("LOT ").Append(lot).Append('\n');
                    await printer.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()), ct);
                }
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("t_builder", "WriteAsync",
                    "'WriteAsync' keeps the [ThreadStatic] object of 't_builder' in 'sb' across the await at line 17: the thread runs other work meanwhile, which takes the same object from its slot, and the method may go on on another thread with it"));

    [Fact]
    public Task Builder_used_between_awaits_reread_or_taken_out_of_its_slot_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Writer.Replace("BODY", """
                public async Task BetweenAsync(string mill, Stream printer)
                {
                    var sb = t_builder ??= new StringBuilder();
                    sb.Clear().Append(mill);
                    var bytes = Encoding.ASCII.GetBytes(sb.ToString());
                    await printer.WriteAsync(bytes);
                }

                public async Task RereadAsync(string mill, Stream printer)
                {
                    await printer.FlushAsync();
                    var sb = t_builder ??= new StringBuilder();
                    sb.Clear().Append(mill);
                    await printer.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
                }

                public async Task TakenAsync(string mill, Stream printer)
                {
                    var sb = t_builder ?? new StringBuilder();
                    t_builder = null;
                    sb.Clear().Append(mill);
                    await printer.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
                    sb.Clear();
                    t_builder = sb;
                }

                public void Synchronous(string mill)
                {
                    var sb = t_builder ??= new StringBuilder();
                    sb.Clear().Append(mill);
                }
            """));

    [Fact]
    public Task Builder_handed_out_by_a_helper_and_kept_across_an_await_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Writer.Replace("BODY", """
                private static StringBuilder AcquireBuilder()
                {
                    var builder = t_builder ??= new StringBuilder(2048);
                    builder.Clear();
                    return builder;
                }

                public async Task<string> FormatAsync(string[] lines, Func<string, Task<double>> measure)
                {
                    var sb = AcquireBuilder();
                    foreach (var line in lines)
                    {
                        var width = {|#1:await measure(line)|};
                        {|#0:sb|}.Append(line).Append(width).AppendLine();
                    }

                    return sb.ToString();
                }
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("t_builder", "FormatAsync",
                    "'FormatAsync' keeps the [ThreadStatic] object of 't_builder' in 'sb' across the await at line 24: the thread runs other work meanwhile, which takes the same object from its slot, and the method may go on on another thread with it"));

    [Fact]
    public Task Builder_a_helper_takes_out_of_its_slot_or_returns_on_one_of_several_paths_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Writer.Replace("BODY", """
                private static StringBuilder Rent()
                {
                    var builder = t_builder ?? new StringBuilder();
                    t_builder = null;
                    return builder.Clear();
                }

                private static StringBuilder Take()
                {
                    var builder = t_builder ?? new StringBuilder();
                    t_builder = null;
                    return builder;
                }

                private static StringBuilder Either(bool fresh)
                {
                    if (fresh)
                    {
                        return new StringBuilder();
                    }

                    return t_builder ??= new StringBuilder();
                }

                public async Task<string> RentedAsync(Func<Task> pause)
                {
                    var sb = Take();
                    sb.Append('a');
                    await pause();
                    sb.Append('b');
                    var text = sb.ToString();
                    t_builder = sb;
                    return text;
                }

                public async Task<string> EitherAsync(Func<Task> pause, bool fresh)
                {
                    var sb = Either(fresh);
                    await pause();
                    return sb.Append('c').ToString();
                }

                public async Task<string> ChainedAsync(Func<Task> pause)
                {
                    var sb = Rent();
                    await pause();
                    return sb.Append('d').ToString();
                }
            """));
}
