// The DNS server's UDP socket in batches: recvmmsg(2) takes in every datagram waiting, one JavaScript call answers
// them all, sendmmsg(2) sends the answers. Node's dgram costs a system call, a callback and a send request per
// datagram, about half of the server's time on a stream of fresh names (docs/performance.md, dns-qps). Runs on the
// event loop's thread (a uv_poll_t on the socket), so nothing here is shared between threads.
#include <node_api.h>
#include <uv.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int kBatch = 64;              // datagrams per recvmmsg/sendmmsg
constexpr int kMaxPerWakeup = 4 * kBatch; // then back to the event loop, so TCP and timers get their turn
constexpr size_t kSlot = 4096;          // bytes kept of a datagram (a DNS query is far smaller)

struct Socket;
struct Holder {
  Socket* socket;
};

struct Socket {
  Holder* holder = nullptr;
  napi_env env;
  napi_ref onBatch;    // (packets: Buffer[], peers?: string[]) => (Buffer | undefined)[]
  napi_ref self;       // keeps the JS handle alive while the poll runs
  napi_ref onClosed = nullptr; // close(callback): called once the socket is closed
  napi_async_context async;
  uv_poll_t poll;
  int fd = -1;
  bool peers = false;
  bool closing = false;
  sockaddr_storage from[kBatch];
  mmsghdr in[kBatch];
  iovec inIov[kBatch];
  unsigned char data[kBatch][kSlot];
  mmsghdr out[kBatch];
  iovec outIov[kBatch];
};

napi_value throwErrno(napi_env env, const char* syscall, int err, const char* where) {
  char message[160];
  const char* code = uv_err_name(uv_translate_sys_error(err));
  snprintf(message, sizeof message, "%s %s %s", syscall, code, where);
  napi_value msg, codeValue, error;
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg);
  napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &codeValue);
  napi_create_error(env, codeValue, msg, &error);
  napi_value syscallValue;
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscallValue);
  napi_set_named_property(env, error, "syscall", syscallValue);
  napi_throw(env, error);
  return nullptr;
}

napi_value peerString(napi_env env, const sockaddr_storage& ss) {
  char host[INET6_ADDRSTRLEN] = "";
  char text[INET6_ADDRSTRLEN + 8];
  int port = 0;
  if (ss.ss_family == AF_INET6) {
    auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    port = ntohs(a->sin6_port);
  } else {
    auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    port = ntohs(a->sin_port);
  }
  snprintf(text, sizeof text, "%s:%d", host, port);
  napi_value s;
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &s);
  return s;
}

// Sends answers[i] (a Buffer, or anything else for no answer) to the sender of datagram i. A datagram the kernel
// will not take now (EAGAIN: the send buffer full) is dropped, as a datagram may be.
void sendAnswers(Socket* s, napi_value answers, int n) {
  bool isArray = false;
  napi_is_array(s->env, answers, &isArray);
  if (!isArray) return;
  int count = 0;
  for (int i = 0; i < n; i++) {
    napi_value item;
    bool isBuffer = false;
    if (napi_get_element(s->env, answers, i, &item) != napi_ok) continue;
    napi_is_buffer(s->env, item, &isBuffer);
    if (!isBuffer) continue;
    void* bytes;
    size_t length;
    napi_get_buffer_info(s->env, item, &bytes, &length);
    s->outIov[count] = {bytes, length};
    mmsghdr& m = s->out[count];
    memset(&m, 0, sizeof m);
    m.msg_hdr.msg_name = &s->from[i];
    m.msg_hdr.msg_namelen = s->in[i].msg_hdr.msg_namelen;
    m.msg_hdr.msg_iov = &s->outIov[count];
    m.msg_hdr.msg_iovlen = 1;
    count++;
  }
  for (int sent = 0; sent < count;) {
    int r = sendmmsg(s->fd, s->out + sent, count - sent, MSG_DONTWAIT);
    if (r > 0) sent += r;
    else if (r < 0 && errno == EINTR) continue;
    else if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) sent++; // that one refused (e.g. EPERM): the next
    else break;
  }
}

// One recvmmsg and its answers; false when nothing more is waiting (or the socket failed).
bool answerWaiting(Socket* s) {
  for (int i = 0; i < kBatch; i++) {
    s->inIov[i] = {s->data[i], kSlot};
    memset(&s->in[i].msg_hdr, 0, sizeof s->in[i].msg_hdr);
    s->in[i].msg_hdr.msg_name = &s->from[i];
    s->in[i].msg_hdr.msg_namelen = sizeof s->from[i];
    s->in[i].msg_hdr.msg_iov = &s->inIov[i];
    s->in[i].msg_hdr.msg_iovlen = 1;
  }
  int n = recvmmsg(s->fd, s->in, kBatch, MSG_DONTWAIT, nullptr);
  if (n <= 0) return n < 0 && errno == EINTR;
  napi_env env = s->env;
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  napi_value packets, peers, fn, recv, result;
  napi_create_array_with_length(env, n, &packets);
  if (s->peers) napi_create_array_with_length(env, n, &peers);
  else napi_get_undefined(env, &peers);
  for (int i = 0; i < n; i++) {
    napi_value buffer;
    size_t length = s->in[i].msg_len < kSlot ? s->in[i].msg_len : kSlot;
    napi_create_buffer_copy(env, length, s->data[i], nullptr, &buffer);
    napi_set_element(env, packets, i, buffer);
    if (s->peers) napi_set_element(env, peers, i, peerString(env, s->from[i]));
  }
  napi_get_reference_value(env, s->onBatch, &fn);
  napi_get_reference_value(env, s->self, &recv);
  napi_value argv[2] = {packets, peers};
  napi_status status = napi_make_callback(env, s->async, recv, fn, 2, argv, &result);
  if (status == napi_ok) sendAnswers(s, result, n);
  else {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      napi_value error;
      napi_get_and_clear_last_exception(env, &error);
      napi_fatal_exception(env, error); // as an exception thrown in an event handler: 'uncaughtException'
    }
  }
  napi_close_handle_scope(env, scope);
  return n == kBatch && !s->closing;
}

void onReadable(uv_poll_t* handle, int status, int events) {
  auto* s = static_cast<Socket*>(handle->data);
  if (status < 0 || s->closing) return;
  for (int i = 0; i < kMaxPerWakeup / kBatch && answerWaiting(s); i++) {
  }
}

void onPollClosed(uv_handle_t* handle) {
  auto* s = static_cast<Socket*>(handle->data);
  close(s->fd);
  s->holder->socket = nullptr;
  if (s->onClosed) {
    napi_handle_scope scope;
    napi_open_handle_scope(s->env, &scope);
    napi_value fn, recv, result;
    napi_get_reference_value(s->env, s->onClosed, &fn);
    napi_get_reference_value(s->env, s->self, &recv);
    napi_make_callback(s->env, s->async, recv, fn, 0, nullptr, &result);
    napi_close_handle_scope(s->env, scope);
    napi_delete_reference(s->env, s->onClosed);
  }
  napi_delete_reference(s->env, s->onBatch);
  napi_delete_reference(s->env, s->self);
  napi_async_destroy(s->env, s->async);
  delete s;
}

bool getString(napi_env env, napi_value v, char* out, size_t size) {
  size_t len;
  return napi_get_value_string_utf8(env, v, out, size, &len) == napi_ok;
}

// bind(host, port, onBatch, withPeers) -> { port, close(onClosed?) }
napi_value Bind(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  char host[64];
  int32_t port = 0;
  bool peers = false;
  if (argc < 3 || !getString(env, argv[0], host, sizeof host) || napi_get_value_int32(env, argv[1], &port) != napi_ok) {
    napi_throw_type_error(env, nullptr, "bind(host: string, port: number, onBatch: function, withPeers?: boolean)");
    return nullptr;
  }
  if (argc > 3) napi_get_value_bool(env, argv[3], &peers);
  sockaddr_storage addr;
  memset(&addr, 0, sizeof addr);
  socklen_t addrLen;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  char where[96];
  snprintf(where, sizeof where, "%s:%d", host, port);
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    addrLen = sizeof *v4;
  } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    addrLen = sizeof *v6;
  } else {
    napi_throw_type_error(env, nullptr, "bind: host must be an IPv4 or IPv6 literal");
    return nullptr;
  }
  int fd = socket(addr.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throwErrno(env, "socket", errno, where);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), addrLen) < 0) {
    int err = errno;
    close(fd);
    return throwErrno(env, "bind", err, where);
  }
  sockaddr_storage bound;
  socklen_t boundLen = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &boundLen);
  int boundPort = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                    : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);

  auto* s = new Socket();
  s->env = env;
  s->fd = fd;
  s->peers = peers;
  uv_loop_t* loop;
  napi_get_uv_event_loop(env, &loop);
  napi_value handle, name, portValue;
  napi_create_object(env, &handle);
  napi_create_reference(env, argv[2], 1, &s->onBatch);
  napi_create_reference(env, handle, 1, &s->self);
  napi_create_string_utf8(env, "privatedns:udp-batch", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, handle, name, &s->async);
  uv_poll_init(loop, &s->poll, fd);
  s->poll.data = s;
  uv_poll_start(&s->poll, UV_READABLE, onReadable);
  napi_create_int32(env, boundPort, &portValue);
  napi_set_named_property(env, handle, "port", portValue);
  // close() may be called again after the socket is gone: it reaches the socket through a holder that outlives
  // it (freed with the JS handle) and is emptied when the socket is.
  auto* holder = new Holder{s};
  s->holder = holder;
  napi_add_finalizer(env, handle, holder, [](napi_env, void* data, void*) { delete static_cast<Holder*>(data); }, nullptr, nullptr);
  napi_value closeFn;
  napi_create_function(env, "close", NAPI_AUTO_LENGTH, [](napi_env env, napi_callback_info info) -> napi_value {
    size_t argc = 1;
    napi_value callback;
    void* data;
    napi_get_cb_info(env, info, &argc, &callback, nullptr, &data);
    auto* s = static_cast<Holder*>(data)->socket;
    if (s && !s->closing) {
      s->closing = true;
      napi_valuetype type = napi_undefined;
      if (argc > 0) napi_typeof(env, callback, &type);
      if (type == napi_function) napi_create_reference(env, callback, 1, &s->onClosed);
      uv_poll_stop(&s->poll);
      uv_close(reinterpret_cast<uv_handle_t*>(&s->poll), onPollClosed);
    }
    return nullptr;
  }, holder, &closeFn);
  napi_set_named_property(env, handle, "close", closeFn);
  return handle;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "bind", NAPI_AUTO_LENGTH, Bind, nullptr, &fn);
  napi_set_named_property(env, exports, "bind", fn);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
