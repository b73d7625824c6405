using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ActorPool.Execution;
using ActorPool.Serialization;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Wire;

/// <summary>
/// The Akka serializer of ActorPool's own messages between parent and children (<see cref="IWireMessage"/>) and of
/// <see cref="Invoke"/>: a fixed binary layout per message, written by hand. The task calls and results they carry are
/// bytes already (made by <see cref="PayloadCodec"/>); nothing here needs a general-purpose serializer, whose first use
/// would cost every child start, and every task, its reflection and code generation.
/// </summary>
internal sealed class PoolWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's identifier, as bound in the reference HOCON.</summary>
    public const int Id = 2418;

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        RunTasks => "T",
        TasksFinished => "F",
        Invoke => "I",
        CancelTask => "C",
        RunnerSettings => "S",
        RunnerReady => "R",
        RunnerInitFailed => "E",
        ChildRetiring => "G",
        RetireChild => "X",
        ChildDrained => "D",
        Probe => "P",
        ProbeAnswered => "A",
        _ => throw new SerializationException($"{o.GetType().FullName} is not an ActorPool wire message."),
    };

    public override byte[] ToBinary(object obj)
    {
        using var writer = new WireWriter(SizeHint(obj));
        switch (obj)
        {
            case RunTasks run:
                writer.Int(run.Tasks.Length);
                foreach (var task in run.Tasks)
                {
                    writer.Long(task.TaskId);
                    writer.Bytes(task.Call);
                    writer.String(task.TraceParent);
                }
                break;
            case TasksFinished finished:
                writer.Int(finished.Outcomes.Length);
                foreach (var outcome in finished.Outcomes)
                    WriteOutcome(writer, outcome);
                break;
            case Invoke invoke:
                writer.Bytes(invoke.Call);
                break;
            case CancelTask cancel:
                writer.Long(cancel.TaskId);
                break;
            case RunnerSettings settings:
                writer.Int(settings.ChildId);
                writer.Int(settings.ChildConcurrency);
                writer.Int(settings.MaxTasksPerChild);
                writer.Bytes(settings.Initializer);
                writer.Bytes(settings.ExceptionHandler);
                writer.TimeSpan(settings.IdleTrimDelay);
                writer.Long(settings.MaxMemoryPerChild);
                break;
            case RunnerReady ready:
                writer.Int(ready.ChildId);
                writer.Int(ready.Pid);
                break;
            case RunnerInitFailed failed:
                writer.Int(failed.ChildId);
                WriteError(writer, failed.Error);
                break;
            case ChildRetiring retiring:
                writer.Int(retiring.ChildId);
                writer.Int((int)retiring.Reason);
                break;
            case RetireChild retire:
                writer.Int((int)retire.Reason);
                break;
            case ChildDrained drained:
                writer.Int(drained.ChildId);
                break;
            case Probe:
                break;
            case ProbeAnswered answered:
                writer.Int(answered.ChildId);
                break;
            default:
                throw new SerializationException($"{obj.GetType().FullName} is not an ActorPool wire message.");
        }
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new WireReader(bytes);
        switch (manifest)
        {
            case "T":
            {
                var tasks = new RunTask[reader.Count()];
                for (var i = 0; i < tasks.Length; i++)
                    tasks[i] = new RunTask(reader.Long(), reader.Bytes() ?? [], reader.String());
                return new RunTasks(tasks);
            }
            case "F":
            {
                var outcomes = new TaskOutcome[reader.Count()];
                for (var i = 0; i < outcomes.Length; i++)
                    outcomes[i] = ReadOutcome(ref reader);
                return new TasksFinished(outcomes);
            }
            case "I":
                return Invoke.FromCall(reader.Bytes() ?? []);
            case "C":
                return new CancelTask(reader.Long());
            case "S":
                return new RunnerSettings(reader.Int(), reader.Int(), reader.Int(), reader.Bytes(), reader.Bytes(), reader.TimeSpan(), reader.Long());
            case "R":
                return new RunnerReady(reader.Int(), reader.Int());
            case "E":
                return new RunnerInitFailed(reader.Int(), ReadError(ref reader));
            case "G":
                return new ChildRetiring(reader.Int(), ReadReason(ref reader));
            case "X":
                return new RetireChild(ReadReason(ref reader));
            case "D":
                return new ChildDrained(reader.Int());
            case "P":
                return Probe.Instance;
            case "A":
                return new ProbeAnswered(reader.Int());
            default:
                throw new SerializationException($"Unknown ActorPool wire message '{manifest}'.");
        }
    }

    private static int SizeHint(object obj) => obj switch
    {
        RunTasks run => 16 + run.Tasks.Sum(t => 16 + t.Call.Length + (t.TraceParent?.Length ?? 0)),
        TasksFinished finished => 16 + finished.Outcomes.Sum(o => o is TaskSucceeded s ? 20 + s.Result.Length : 72),
        Invoke invoke => 8 + invoke.Call.Length,
        _ => 64,
    };

    private static void WriteOutcome(WireWriter writer, TaskOutcome outcome)
    {
        switch (outcome)
        {
            case TaskSucceeded done:
                writer.Byte(0);
                writer.Long(done.TaskId);
                writer.Bytes(done.Result);
                writer.Long(done.Ran.Ticks);
                break;
            case TaskFaulted faulted:
                writer.Byte(1);
                writer.Long(faulted.TaskId);
                WriteError(writer, faulted.Error);
                writer.Long(faulted.Ran.Ticks);
                break;
            case TaskBounced bounced:
                writer.Byte(2);
                writer.Long(bounced.TaskId);
                break;
            case TaskUndelivered undelivered:
                writer.Byte(3);
                writer.Long(undelivered.TaskId);
                break;
            default:
                throw new SerializationException($"Unknown task outcome {outcome.GetType().FullName}.");
        }
    }

    private static TaskOutcome ReadOutcome(ref WireReader reader) => reader.Byte() switch
    {
        0 => new TaskSucceeded(reader.Long(), reader.Bytes() ?? [], TimeSpan.FromTicks(reader.Long())),
        1 => new TaskFaulted(reader.Long(), ReadError(ref reader), TimeSpan.FromTicks(reader.Long())),
        2 => new TaskBounced(reader.Long()),
        3 => new TaskUndelivered(reader.Long()),
        var kind => throw new SerializationException($"Unknown task outcome kind {kind}."),
    };

    private static void WriteError(WireWriter writer, RemoteError error)
    {
        writer.String(error.Type);
        writer.String(error.Message);
        writer.String(error.StackTrace);
        writer.Int(error.ChildPid);
        writer.Bytes(error.Original);
    }

    private static RemoteError ReadError(ref WireReader reader) =>
        new(reader.String() ?? "", reader.String() ?? "", reader.String() ?? "", reader.Int(), reader.Bytes());

    private static RetireReason ReadReason(ref WireReader reader)
    {
        var reason = (RetireReason)reader.Int();
        return Enum.IsDefined(reason) ? reason : throw new SerializationException($"Unknown retire reason {(int)reason}.");
    }
}
