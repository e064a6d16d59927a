using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Code posted to a mailbox: a lambda written to a channel the type created with <c>SingleReader = true</c>, whose one
/// reader runs the messages one at a time (set ap C18, an actor that owns a job board):
/// <code>
/// public Task&lt;bool&gt; OpenJobAsync(string serial) => Ask(() => _jobs.TryAdd(serial, …));
/// private Task&lt;T&gt; Ask&lt;T&gt;(Func&lt;T&gt; handler) { …; _mailbox.Writer.TryWrite(() => reply.SetResult(handler())); … }
/// </code>
/// Callers call <c>OpenJobAsync</c> at once, but what its lambda touches runs on the mailbox's reader: beside the
/// members that touch the same state directly, never beside another posted message.
/// </summary>
internal sealed partial class TypeConcurrency
{
    private static readonly string[] PostNames = ["TryWrite", "WriteAsync"];

    /// <summary>
    /// The single-reader channel the code at <paramref name="position"/> of <paramref name="tree"/> is posted to, when a
    /// lambda around it is written to one directly, or handed to a private method of the type that only uses it inside
    /// such a lambda (<c>Ask(() => …)</c>); else null.
    /// </summary>
    private string? PostedTo(SyntaxTree? tree, int position)
    {
        _singleReaderChannels ??= SingleReaderChannels.Of(_type, _cancellationToken);
        if (_singleReaderChannels.Count == 0 || tree is null)
        {
            return null;
        }

        var node = tree.GetRoot(_cancellationToken).FindToken(position).Parent;
        for (var lambda = node?.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>(); lambda is not null;
             lambda = lambda.Parent?.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>())
        {
            if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } arguments } argument)
            {
                continue;
            }

            if (PostedChannel(call) is { } channel)
            {
                return channel;
            }

            var helper = call.Expression switch
            {
                SimpleNameSyntax name => name.Identifier.ValueText, // Ask(…), Ask<T>(…)
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
                _ => null,
            };
            if (helper is not null && HelperPosting(helper, arguments.Arguments.IndexOf(argument)) is { } posted)
            {
                return posted;
            }
        }

        return null;
    }

    private static string PostedDescription(string mailbox) => $"posted to '{mailbox}', a channel created with SingleReader = true, and run by its one reader";

    /// <summary>The single-reader channel <paramref name="call"/> writes to (<c>_mailbox.Writer.TryWrite(…)</c>), or null.</summary>
    private string? PostedChannel(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax
           {
               Name.Identifier.ValueText: var post,
               Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Writer", Expression: var channel },
           }
           && PostNames.Contains(post)
           && FieldNames.Written(channel) is { } name
           && _singleReaderChannels!.Contains(name)
               ? name
               : null;

    /// <summary>
    /// The single-reader channel a private method <paramref name="helper"/> of the type posts its parameter at
    /// <paramref name="ordinal"/> to: every use of the parameter is inside a lambda written to that channel. Null when
    /// any method of that name is not private, or any use runs elsewhere.
    /// </summary>
    private string? HelperPosting(string helper, int ordinal)
    {
        string? channel = null;
        foreach (var member in _type.GetMembers(helper))
        {
            if (member is not IMethodSymbol { DeclaredAccessibility: Accessibility.Private } method || ordinal < 0 || ordinal >= method.Parameters.Length)
            {
                return null;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is not MethodDeclarationSyntax declaration)
                {
                    return null;
                }

                foreach (var token in SourceWords.IdentifiersNamed(declaration, method.Parameters[ordinal].Name))
                {
                    if (token.Parent is ParameterSyntax)
                    {
                        continue;
                    }

                    var posting = token.Parent?.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is
                    {
                        Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } },
                    }
                        ? PostedChannel(call)
                        : null;
                    if (posting is null || (channel is not null && channel != posting))
                    {
                        return null;
                    }

                    channel = posting;
                }
            }
        }

        return channel;
    }
}
