package testserver

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// process is a child process of the tests (MinIO, slapd, KES): output to a log file, its
// own process group, killed if the test binary dies.
type process struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	mu   sync.Mutex
	exit error
}

// startProcess runs name args... with env added to the environment, logging to log.
func startProcess(log, dir string, env []string, name string, args ...string) (*process, error) {
	logf, err := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &process{cmd: cmd, log: log, done: make(chan struct{})}
	go func() {
		err := cmd.Wait()
		logf.Close()
		p.mu.Lock()
		p.exit = err
		p.mu.Unlock()
		close(p.done)
	}()
	return p, nil
}

// exitErr is the exit status once done is closed.
func (p *process) exitErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.exit
}

// logTail is the end of the process's output, for failure messages.
func (p *process) logTail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// waitListening waits until addr accepts TCP connections, the process exits, or d ends.
func (p *process) waitListening(addr string, d time.Duration) error {
	for deadline := time.Now().Add(d); ; {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited: %v\n%s", p.cmd.Path, p.exitErr(), p.logTail())
		default:
		}
		if time.Now().After(deadline) {
			p.stop()
			return fmt.Errorf("%s did not listen on %s within %s", p.cmd.Path, addr, d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process group with SIGKILL and waits for it.
func (p *process) kill() {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.done
}

// stop ends the process group (TERM, then KILL after 10s) and waits for it.
func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}
